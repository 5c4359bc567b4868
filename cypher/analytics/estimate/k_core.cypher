// Memory gds.kcore would need on graph $graph with configuration $config.
CALL gds.kcore.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
