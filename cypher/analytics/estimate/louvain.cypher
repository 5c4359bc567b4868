// Memory gds.louvain would need on graph $graph with configuration $config.
CALL gds.louvain.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
