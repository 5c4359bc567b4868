// Memory gds.louvain would need on graph $graph with configuration $config (mutate mode, as
// analytics/communities/louvain runs it).
CALL gds.louvain.mutate.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
