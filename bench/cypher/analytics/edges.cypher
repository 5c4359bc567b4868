// Every edge of undirected graph $graph once (GDS holds both directions), as GDS node ids with
// the weight, and every node (isolated ones included): what NetworkX is given.
CALL gds.graph.relationshipProperty.stream($graph, 'weight')
YIELD sourceNodeId, targetNodeId, propertyValue
WHERE sourceNodeId < targetNodeId
WITH collect(sourceNodeId) AS source, collect(targetNodeId) AS target,
     collect(propertyValue) AS weight
CALL () {
  CALL gds.degree.stream($graph) YIELD nodeId
  RETURN collect(nodeId) AS nodes
}
RETURN nodes, source, target, weight
