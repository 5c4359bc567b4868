// The dataset ids of every node of graph $graph (degree is the cheapest way to list them).
CALL gds.degree.stream($graph, {concurrency: 1}) YIELD nodeId
RETURN gds.util.asNode(nodeId).id AS id
