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
// ACTORS: two in-scope actors linked when they take part in (PARTICIPATES_IN or GOVERNS) the
// same in-scope initiative, both ties active in the year; weight = the number of initiatives
// they share. Undirected: one row per pair, source < target.
UNWIND initiatives AS i
MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
WHERE a IN actors AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
WITH i, collect(DISTINCT a) AS members
UNWIND members AS a
UNWIND members AS b
WITH a, b, i
WHERE a.id < b.id
WITH a, b, count(DISTINCT i) AS shared
RETURN a.id AS source, b.id AS target, 'SHARES_INITIATIVES' AS type, toFloat(shared) AS weight
ORDER BY source, target
