// Memory gds.triangleCount would need on graph $graph with configuration $config.
CALL gds.triangleCount.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
