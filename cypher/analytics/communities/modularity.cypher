// GDS's modularity (resolution 1) of the partition in node property $config.communityProperty
// of graph $graph, weighted by $config.relationshipWeightProperty when given. Equal to
// NetworkX's on undirected graphs only (docs/analytics.md).
CALL gds.modularity.stats($graph, $config) YIELD modularity
RETURN modularity
