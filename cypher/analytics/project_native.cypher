// Project graph $graph natively: the nodes carrying one of $labels and the relationships of
// $relationships (a GDS relationship projection: type, orientation, SUM aggregation, weight)
// between them, read straight from the store.
CALL gds.graph.project($graph, $labels, $relationships)
YIELD graphName, nodeCount, relationshipCount, projectMillis
RETURN graphName AS graph, nodeCount, relationshipCount, projectMillis
