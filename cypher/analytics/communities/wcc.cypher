// gds.wcc in mutate mode on graph $graph with configuration $config: each node's weakly
// connected component goes to the node property $config.mutateProperty, which the caller
// streams (analytics/communities/partition), scores and drops.
CALL gds.wcc.mutate($graph, $config) YIELD nodePropertiesWritten
RETURN nodePropertiesWritten
