// The scope: `initiatives`, `actors` and `programs`, the in-scope nodes as three lists
// (docs/projections.md says what each test means). Takes the Scope parameters. Candidates
// come from the scope's territories (or sectors) down, so a narrow scope reads only what
// lies below it; the tests that the way a candidate was found does not settle then decide.
// A parameter test in a `WITH ... WHERE` ahead of a MATCH keeps that MATCH from running at
// all (the planner would otherwise scan first and filter after).
CALL () {
  CALL () {
    MATCH (root:Territory)
    WHERE root.code IN coalesce($territories, $countries, [])
    MATCH (root)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(i:Initiative)
    RETURN i
    UNION
    WITH 1 AS everywhere WHERE $territories IS NULL AND $countries IS NULL
    MATCH (i:Initiative)
    RETURN i
  }
  WITH i
  WHERE ($initiativeTypes IS NULL OR i.type IN $initiativeTypes)
    AND ($year IS NULL OR coalesce(i.startYear, $year) <= $year <= coalesce(i.endYear, $year))
    AND ($countries IS NULL OR $territories IS NULL OR EXISTS {
      MATCH (i)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory) WHERE c.code IN $countries })
    AND ($sectors IS NULL OR EXISTS {
      MATCH (i)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(s:Sector) WHERE s.code IN $sectors })
  RETURN collect(i) AS initiatives
}
CALL (initiatives) {
  CALL (initiatives) {
    MATCH (root:Territory)
    WHERE root.code IN coalesce($territories, $countries, [])
    MATCH (root)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(a:Actor)
    RETURN a, false AS takesPart
    UNION ALL
    WITH 1 AS nowhere WHERE $territories IS NULL AND $countries IS NULL
    MATCH (root:Sector)
    WHERE root.code IN coalesce($sectors, [])
    MATCH (root)<-[:PART_OF|CORRESPONDS_TO*0..]-(:Sector)<-[:IN_SECTOR]-(a:Firm)
    RETURN a, false AS takesPart
    UNION ALL
    WITH 1 AS everywhere WHERE $territories IS NULL AND $countries IS NULL AND $sectors IS NULL
    MATCH (a:Actor)
    RETURN a, false AS takesPart
    UNION ALL
    UNWIND initiatives AS i
    MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
    WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
    RETURN a, true AS takesPart
  }
  WITH a, max(CASE WHEN takesPart THEN 1 ELSE 0 END) = 1 AS takesPart
  WHERE ($actorKinds IS NULL OR (CASE WHEN a:Firm THEN 'FIRM' ELSE a.kind END) IN $actorKinds)
    AND ($year IS NULL OR NOT a:Firm OR coalesce(a.foundedYear, $year) <= $year)
    AND (takesPart
      OR (($countries IS NULL OR $territories IS NULL OR EXISTS {
          MATCH (a)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory) WHERE c.code IN $countries })
        AND ($sectors IS NULL OR ($territories IS NULL AND $countries IS NULL) OR EXISTS {
          MATCH (a:Firm)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(s:Sector) WHERE s.code IN $sectors })))
  RETURN collect(a) AS actors
}
CALL (initiatives, actors) {
  CALL (initiatives, actors) {
    UNWIND initiatives AS i
    MATCH (p:Program)-[r:SUPPORTS]->(i)
    WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
    RETURN p
    UNION ALL
    UNWIND actors AS n
    MATCH (n:Institution)-[r:RUNS]->(p:Program)
    WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
    RETURN p
  }
  WITH p
  WHERE $year IS NULL OR coalesce(p.startYear, $year) <= $year <= coalesce(p.endYear, $year)
  RETURN collect(DISTINCT p) AS programs
}
