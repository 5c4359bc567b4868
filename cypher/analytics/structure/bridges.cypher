// gds.bridges: the edges of graph $graph whose removal disconnects their component.
CALL gds.bridges.stream($graph, $config) YIELD from, to
RETURN gds.util.asNode(from).id AS source, gds.util.asNode(to).id AS target
