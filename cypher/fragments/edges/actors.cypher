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
