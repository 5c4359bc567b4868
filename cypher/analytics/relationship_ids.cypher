// Every relationship of graph $graph (both directions of an undirected one) with its weight,
// as GDS node ids: what a modularity needs, without looking a node up.
CALL gds.graph.relationshipProperty.stream($graph, 'weight')
YIELD sourceNodeId, targetNodeId, propertyValue
RETURN sourceNodeId AS source, targetNodeId AS target, propertyValue AS weight
