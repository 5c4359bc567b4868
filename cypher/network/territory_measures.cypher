// include: scope
// Per territory of the levels in $levels: the in-scope initiatives and actors located in it
// or anywhere below it, those initiatives that no institution governs (the UNGOVERNED gap:
// no GOVERNS active in the year) and the GOVERNS ties to them.
UNWIND initiatives + actors AS n
CALL (n) {
  OPTIONAL MATCH (:Institution)-[r:GOVERNS]->(n:Initiative)
  WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
  RETURN count(r) AS ties
}
MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(t:Territory)
WHERE t.level IN $levels
WITH DISTINCT t, n, ties
RETURN t.code AS code, t.name AS name, t.level AS level,
       count(CASE WHEN n:Initiative THEN 1 END) AS initiatives,
       count(CASE WHEN n:Actor THEN 1 END) AS actors,
       count(CASE WHEN n:Initiative AND ties = 0 THEN 1 END) AS ungoverned,
       sum(CASE WHEN n:Initiative THEN ties ELSE 0 END) AS governanceTies
ORDER BY code
