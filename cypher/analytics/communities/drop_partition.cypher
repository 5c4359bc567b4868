// Remove the temporary node property $property an algorithm mutated on graph $graph (a
// no-op when it was never written).
CALL gds.graph.nodeProperties.drop($graph, [$property], {failIfMissing: false})
YIELD propertiesRemoved
RETURN propertiesRemoved
