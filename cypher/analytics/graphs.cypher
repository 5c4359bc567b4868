// Graphs in the GDS catalogue whose name starts with $prefix, with their size, and whether
// GDS projected them natively (a Cypher projection's configuration holds its query instead).
CALL gds.graph.list() YIELD graphName, nodeCount, relationshipCount, sizeInBytes, configuration
WHERE graphName STARTS WITH $prefix
RETURN graphName AS graph, nodeCount, relationshipCount, sizeInBytes,
       configuration.nodeProjection IS NOT NULL AS native
