// Memory gds.localClusteringCoefficient would need on graph $graph with configuration $config.
CALL gds.localClusteringCoefficient.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
