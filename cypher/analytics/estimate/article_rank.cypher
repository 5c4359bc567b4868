// Memory gds.articleRank would need on graph $graph with configuration $config.
CALL gds.articleRank.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
