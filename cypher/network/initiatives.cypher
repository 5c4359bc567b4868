// The scope: the initiatives, actors and programmes in it, as three lists (same text in every
// network/*.cypher statement; docs/projections.md says what each test means).
CALL () {
  MATCH (i:Initiative)
  WHERE ($initiativeTypes IS NULL OR i.type IN $initiativeTypes)
    AND ($year IS NULL OR coalesce(i.startYear, $year) <= $year <= coalesce(i.endYear, $year))
    AND ($countries IS NULL OR EXISTS {
      MATCH (i)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory) WHERE c.code IN $countries })
    AND ($territories IS NULL OR EXISTS {
      MATCH (i)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(t:Territory) WHERE t.code IN $territories })
    AND ($sectors IS NULL OR EXISTS {
      MATCH (i)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(s:Sector) WHERE s.code IN $sectors })
  RETURN collect(i) AS initiatives
}
CALL (initiatives) {
  MATCH (a:Actor)
  WHERE ($actorKinds IS NULL OR (CASE WHEN a:Firm THEN 'FIRM' ELSE a.kind END) IN $actorKinds)
    AND ($year IS NULL OR NOT a:Firm OR coalesce(a.foundedYear, $year) <= $year)
    AND (
      (($countries IS NULL OR EXISTS {
          MATCH (a)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory) WHERE c.code IN $countries })
        AND ($territories IS NULL OR EXISTS {
          MATCH (a)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(t:Territory) WHERE t.code IN $territories })
        AND ($sectors IS NULL OR EXISTS {
          MATCH (a:Firm)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(s:Sector) WHERE s.code IN $sectors }))
      OR EXISTS {
        MATCH (a)-[r:PARTICIPATES_IN|GOVERNS]->(i:Initiative)
        WHERE i IN initiatives
          AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)) })
  RETURN collect(a) AS actors
}
CALL (initiatives, actors) {
  MATCH (p:Program)
  WHERE ($year IS NULL OR coalesce(p.startYear, $year) <= $year <= coalesce(p.endYear, $year))
    AND (EXISTS {
        MATCH (p)-[r:SUPPORTS]->(i:Initiative)
        WHERE i IN initiatives
          AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)) }
      OR EXISTS {
        MATCH (n:Institution)-[r:RUNS]->(p)
        WHERE n IN actors
          AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)) })
  RETURN collect(p) AS programs
}
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
