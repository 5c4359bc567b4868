// Memory gds.leiden would need on graph $graph with configuration $config.
CALL gds.leiden.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
