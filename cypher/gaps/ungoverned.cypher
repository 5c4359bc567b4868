// UNGOVERNED: in-scope initiatives with no governing institution (no GOVERNS active in the
// year), with how many actors take part in them.
// include: scope
UNWIND initiatives AS i
WITH i
WHERE NOT EXISTS {
  MATCH (:Institution)-[r:GOVERNS]->(i)
  WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year) }
OPTIONAL MATCH (a:Actor)-[p:PARTICIPATES_IN]->(i)
WHERE $year IS NULL OR coalesce(p.since, $year) <= $year <= coalesce(p.until, $year)
RETURN i.id AS id, i.name AS name, i.status AS status, count(DISTINCT a) AS participants
ORDER BY id
