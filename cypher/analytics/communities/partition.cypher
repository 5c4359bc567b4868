// Each node of graph $graph (as its GDS node id) and its community in the node property
// $property an algorithm mutated: the partition, without looking a node up.
CALL gds.graph.nodeProperty.stream($graph, $property) YIELD nodeId, propertyValue
RETURN nodeId, propertyValue AS community
