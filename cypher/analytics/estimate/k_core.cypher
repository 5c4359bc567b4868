// Memory gds.kcore would need on graph $graph with configuration $config (mutate mode, as
// analytics/communities/k_core runs it).
CALL gds.kcore.mutate.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
