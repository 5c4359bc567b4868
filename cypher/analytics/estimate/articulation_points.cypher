// Memory gds.articulationPoints would need on graph $graph with configuration $config.
CALL gds.articulationPoints.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
