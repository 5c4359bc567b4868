// The raw floor of the PageRank analytic: the procedure's stream on graph $graph with the
// service's configuration $config, every node's dataset id and score, as one record of columns.
CALL gds.pageRank.stream($graph, $config) YIELD nodeId, score
RETURN collect(gds.util.asNode(nodeId).id) AS id, collect(score) AS score
