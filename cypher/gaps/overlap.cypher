// OVERLAP: pairs of in-scope initiatives in the same ISIC division (through any of their
// sectors) whose territories overlap (one lies in or above the other), that share no actor
// (as participant or governor: a shared governing institution is a shared actor) and do not
// collaborate. Ties count when active in the year.
// include: scope
UNWIND initiatives AS a
MATCH (a)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(d:Sector {level: 'DIVISION', classification: 'ISIC Rev.4'})
MATCH (d)<-[:PART_OF|CORRESPONDS_TO*0..]-(:Sector)<-[:IN_SECTOR]-(b:Initiative)
WHERE a.id < b.id AND b IN initiatives
WITH a, b, collect(DISTINCT d.code) AS divisions
WHERE NOT EXISTS {
    MATCH (a)-[:COLLABORATES_WITH]-(b) }
  AND NOT EXISTS {
    MATCH (a)<-[r:PARTICIPATES_IN|GOVERNS]-(:Actor)-[s:PARTICIPATES_IN|GOVERNS]->(b)
    WHERE $year IS NULL OR (coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
                            AND coalesce(s.since, $year) <= $year <= coalesce(s.until, $year)) }
CALL (a, b) {
  MATCH (a)-[:LOCATED_IN]->(ta:Territory), (b)-[:LOCATED_IN]->(tb:Territory)
  WHERE EXISTS { (ta)-[:PART_OF*0..]->(tb) } OR EXISTS { (tb)-[:PART_OF*0..]->(ta) }
  RETURN collect(DISTINCT [ta.code, tb.code]) AS overlaps
}
WITH a, b, divisions, overlaps
WHERE size(overlaps) > 0
RETURN a.id AS id, a.name AS name, b.id AS otherId, b.name AS otherName,
       divisions, overlaps
ORDER BY id, otherId
