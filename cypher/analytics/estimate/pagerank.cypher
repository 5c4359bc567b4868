// Memory gds.pageRank would need on graph $graph with configuration $config.
CALL gds.pageRank.stream.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
