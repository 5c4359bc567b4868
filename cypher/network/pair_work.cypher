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
// What the pair projections cost: the actor pairs summed over initiatives (ACTORS) and the
// initiative pairs summed over actors (INITIATIVES), before pairs met twice are merged.
CALL (initiatives, actors) {
  UNWIND initiatives AS i
  OPTIONAL MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
  WHERE a IN actors AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
  WITH i, count(DISTINCT a) AS m
  RETURN sum(m * (m - 1) / 2) AS actorPairs
}
CALL (initiatives, actors) {
  UNWIND actors AS a
  OPTIONAL MATCH (a)-[r:PARTICIPATES_IN|GOVERNS]->(i:Initiative)
  WHERE i IN initiatives AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
  WITH a, count(DISTINCT i) AS k
  RETURN sum(k * (k - 1) / 2) AS initiativePairs
}
RETURN actorPairs, initiativePairs
