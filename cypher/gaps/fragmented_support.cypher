// FRAGMENTED_SUPPORT: in-scope initiatives supported (in the year) by programmes of two or
// more institutions, with the pairs of those institutions that have no agreement (either
// way) and sit on no governance body together.
// include: scope
UNWIND initiatives AS i
MATCH (n:Institution)-[:RUNS]->(p:Program)-[s:SUPPORTS]->(i)
WHERE $year IS NULL OR coalesce(s.since, $year) <= $year <= coalesce(s.until, $year)
WITH i, collect(DISTINCT n) AS runners, collect(DISTINCT p.id) AS programs
WHERE size(runners) >= 2
UNWIND runners AS x
UNWIND runners AS y
WITH i, programs, runners, x, y
WHERE x.id < y.id
WITH i, programs, runners, x, y,
     EXISTS {
       MATCH (x)-[g:AGREEMENT_WITH]-(y)
       WHERE $year IS NULL OR coalesce(g.since, $year) <= $year <= coalesce(g.until, $year) }
     OR EXISTS {
       MATCH (x)-[g:GOVERNS]->(:Initiative)<-[h:GOVERNS]-(y)
       WHERE $year IS NULL OR (coalesce(g.since, $year) <= $year <= coalesce(g.until, $year)
                               AND coalesce(h.since, $year) <= $year <= coalesce(h.until, $year)) }
       AS linked
WITH i, programs, [r IN runners | r {.id, .name}] AS institutions, count(*) AS pairs,
     collect(CASE WHEN NOT linked THEN [x.id, y.id] END) AS unlinked
WHERE size(unlinked) > 0
RETURN i.id AS id, i.name AS name, programs, institutions, pairs, unlinked
ORDER BY id
