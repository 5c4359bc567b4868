// Drop graph $graph from the GDS catalogue; nothing when it is not there.
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN graphName AS graph
