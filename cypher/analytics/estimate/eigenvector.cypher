// Memory gds.eigenvector would need on graph $graph with configuration $config.
CALL gds.eigenvector.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
