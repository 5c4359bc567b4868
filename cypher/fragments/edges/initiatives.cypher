// INITIATIVES: two in-scope initiatives linked when in-scope actors take part in both (active
// ties) or when they collaborate (an active COLLABORATES_WITH either way). weight = shared
// actors + collaborations; type says which: SHARES_ACTORS, COLLABORATES_WITH or
// SHARES_ACTORS_AND_COLLABORATES. Undirected: one row per pair, source < target.
CALL (initiatives, actors) {
  UNWIND actors AS a
  MATCH (a)-[r:PARTICIPATES_IN|GOVERNS]->(i:Initiative)
  WHERE i IN initiatives AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
  WITH a, collect(DISTINCT i) AS joined
  UNWIND joined AS x
  UNWIND joined AS y
  WITH x, y, a
  WHERE x.id < y.id
  RETURN x, y, count(DISTINCT a) AS shared, 0 AS collaborations
  UNION ALL
  UNWIND initiatives AS x
  MATCH (x)-[r:COLLABORATES_WITH]-(y:Initiative)
  WHERE x.id < y.id AND y IN initiatives AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
  RETURN x, y, 0 AS shared, count(r) AS collaborations
}
WITH x, y, sum(shared) AS shared, sum(collaborations) AS collaborations
RETURN x.id AS source, y.id AS target,
       CASE WHEN shared = 0 THEN 'COLLABORATES_WITH'
            WHEN collaborations = 0 THEN 'SHARES_ACTORS'
            ELSE 'SHARES_ACTORS_AND_COLLABORATES' END AS type,
       toFloat(shared + collaborations) AS weight
ORDER BY source, target
