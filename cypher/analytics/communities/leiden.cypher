// gds.leiden in mutate mode on graph $graph with configuration $config: each node's community
// goes to the node property $config.mutateProperty, which the caller streams
// (analytics/communities/partition), scores and drops.
CALL gds.leiden.mutate($graph, $config) YIELD nodePropertiesWritten
RETURN nodePropertiesWritten
