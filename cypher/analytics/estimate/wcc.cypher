// Memory gds.wcc would need on graph $graph with configuration $config (mutate mode, as
// analytics/communities/wcc runs it).
CALL gds.wcc.mutate.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
