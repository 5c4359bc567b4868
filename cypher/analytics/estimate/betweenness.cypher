// Memory gds.betweenness would need on graph $graph with configuration $config.
CALL gds.betweenness.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
