// include: scope
// Project the ACTORS graph of the scope into the GDS catalogue as graph $graph, in one
// statement: the pairs stream into GDS's aggregation one actor at a time, so that no table
// of pairs is ever held (a country at five million actors has tens of millions of them).
// Every in-scope actor first, in id order (the node order of the other projections); then,
// per actor `x`, each co-member `a` with x.id < a.id and the number of in-scope initiatives
// the two take part in (the edges of fragments/edges/actors).
CALL (actors, initiatives) {
  UNWIND actors AS x
  WITH x ORDER BY x.id
  RETURN x, null AS a, 0.0 AS weight
  UNION ALL
  UNWIND actors AS x
  CALL (x, initiatives) {
    MATCH (x)-[t:PARTICIPATES_IN|GOVERNS]->(i:Initiative)
    WHERE i IN initiatives
      AND ($year IS NULL OR coalesce(t.since, $year) <= $year <= coalesce(t.until, $year))
    WITH DISTINCT x, i
    MATCH (i)<-[r:PARTICIPATES_IN|GOVERNS]-(a:Actor)
    WHERE x.id < a.id AND
// include: taking_part
    RETURN a, toFloat(count(DISTINCT i)) AS weight
  }
  RETURN x, a, weight
}
WITH gds.graph.project($graph, x, a, {relationshipProperties: {weight: weight}},
                       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.graphName AS graph, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount,
       g.projectMillis AS projectMillis
