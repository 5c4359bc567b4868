// Graphs in the GDS catalogue whose name starts with $prefix, with their size.
CALL gds.graph.list() YIELD graphName, nodeCount, relationshipCount, sizeInBytes
WHERE graphName STARTS WITH $prefix
RETURN graphName AS graph, nodeCount, relationshipCount, sizeInBytes
