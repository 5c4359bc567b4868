// Remove the temporary node properties $properties algorithms mutated on graph $graph (those
// never written are skipped).
CALL gds.graph.nodeProperties.drop($graph, $properties, {failIfMissing: false})
YIELD propertiesRemoved
RETURN propertiesRemoved
