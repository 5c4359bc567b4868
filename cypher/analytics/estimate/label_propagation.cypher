// Memory gds.labelPropagation would need on graph $graph with configuration $config.
CALL gds.labelPropagation.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
