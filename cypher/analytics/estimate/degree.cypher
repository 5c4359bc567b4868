// Memory gds.degree would need on graph $graph with configuration $config.
CALL gds.degree.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
