// gds.kcore in mutate mode on graph $graph with configuration $config: each node's core value
// (the largest k such that the node is in the k-core) goes to the node property
// $config.mutateProperty, which the caller streams (analytics/communities/partition), scores
// and drops.
CALL gds.kcore.mutate($graph, $config) YIELD nodePropertiesWritten
RETURN nodePropertiesWritten
