// gds.localClusteringCoefficient: every node's local clustering coefficient in graph $graph.
CALL gds.localClusteringCoefficient.stream($graph, $config) YIELD nodeId, localClusteringCoefficient
RETURN gds.util.asNode(nodeId).id AS id, localClusteringCoefficient AS coefficient
