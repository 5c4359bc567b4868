// Memory gds.leiden would need on graph $graph with configuration $config (mutate mode, as
// analytics/communities/leiden runs it).
CALL gds.leiden.mutate.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
