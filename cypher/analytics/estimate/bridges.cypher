// Memory gds.bridges would need on graph $graph with configuration $config.
CALL gds.bridges.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
