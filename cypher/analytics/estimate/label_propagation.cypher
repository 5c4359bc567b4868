// Memory gds.labelPropagation would need on graph $graph with configuration $config (mutate mode, as
// analytics/communities/label_propagation runs it).
CALL gds.labelPropagation.mutate.estimate($graph, $config) YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory
