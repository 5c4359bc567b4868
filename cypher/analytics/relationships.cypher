// Every relationship of graph $graph (both directions of an undirected one), with its weight,
// as dataset ids.
CALL gds.graph.relationshipProperty.stream($graph, 'weight')
YIELD sourceNodeId, targetNodeId, propertyValue
RETURN gds.util.asNode(sourceNodeId).id AS source, gds.util.asNode(targetNodeId).id AS target,
       propertyValue AS weight
