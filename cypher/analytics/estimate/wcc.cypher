// Memory gds.wcc would need on graph $graph with configuration $config.
CALL gds.wcc.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
