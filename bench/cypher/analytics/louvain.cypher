// The raw floor of the Louvain analytic: the procedure's stream on graph $graph with the
// service's configuration $config, every node's dataset id and community, as one record of
// columns.
CALL gds.louvain.stream($graph, $config) YIELD nodeId, communityId
RETURN collect(gds.util.asNode(nodeId).id) AS id, collect(communityId) AS community
