// INFORMAL_BROKER: every in-scope initiative with the actors taking part in it (participants
// and governors, active in the year) and the initiatives it collaborates with (either way).
// include: scope
UNWIND initiatives AS i
CALL (i) {
  OPTIONAL MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
  WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
  WITH DISTINCT a WHERE a IS NOT NULL
  RETURN collect({id: a.id, name: a.name,
                  kind: CASE WHEN a:Firm THEN 'Firm' ELSE 'Institution' END}) AS members
}
CALL (i) {
  OPTIONAL MATCH (i)-[c:COLLABORATES_WITH]-(o:Initiative)
  WHERE $year IS NULL OR coalesce(c.since, $year) <= $year <= coalesce(c.until, $year)
  RETURN collect(DISTINCT o.id) AS partners
}
RETURN i.id AS id, i.name AS name, members, partners
ORDER BY id
