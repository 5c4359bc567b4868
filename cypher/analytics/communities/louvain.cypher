// gds.louvain in mutate mode on graph $graph with configuration $config: each node's community
// goes to the node property $config.mutateProperty, which the caller streams
// (analytics/communities/partition) and drops. `modularity` is the final partition's, as
// gds.modularity would score it.
CALL gds.louvain.mutate($graph, $config) YIELD nodePropertiesWritten, modularity
RETURN nodePropertiesWritten, modularity
