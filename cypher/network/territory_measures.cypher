// include: scope
// Per territory of the levels in $levels: the in-scope initiatives and actors located in it
// or anywhere below it, those initiatives that no institution governs (the UNGOVERNED gap:
// no GOVERNS active in the year) and the GOVERNS ties to them. Actors are grouped by the
// territory they lie in before climbing PART_OF, so that the climb runs once per territory
// (a few thousand) instead of once per actor (100k): three times faster at 100k actors.
CALL (initiatives) {
  UNWIND initiatives AS i
  CALL (i) {
    OPTIONAL MATCH (:Institution)-[r:GOVERNS]->(i)
    WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
    RETURN count(r) AS ties
  }
  MATCH (i)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(t:Territory)
  WHERE t.level IN $levels
  WITH DISTINCT t, i, ties
  WITH t, count(i) AS found, count(CASE WHEN ties = 0 THEN 1 END) AS ungoverned,
       sum(ties) AS governanceTies
  RETURN collect({t: t, initiatives: found, ungoverned: ungoverned,
                  governanceTies: governanceTies, actors: 0}) AS byInitiatives
}
CALL (actors) {
  UNWIND actors AS a
  MATCH (a)-[:LOCATED_IN]->(leaf:Territory)
  WITH leaf, collect(a) AS located
  MATCH (leaf)-[:PART_OF*0..]->(t:Territory)
  WHERE t.level IN $levels
  UNWIND located AS a
  WITH DISTINCT t, a
  WITH t, count(a) AS found
  RETURN collect({t: t, initiatives: 0, ungoverned: 0, governanceTies: 0, actors: found})
    AS byActors
}
UNWIND byInitiatives + byActors AS row
WITH row.t AS t, sum(row.initiatives) AS initiatives, sum(row.actors) AS actors,
     sum(row.ungoverned) AS ungoverned, sum(row.governanceTies) AS governanceTies
RETURN t.code AS code, t.name AS name, t.level AS level, initiatives, actors, ungoverned,
       governanceTies
ORDER BY code
