// The in-scope nodes carrying one of $labels, with what the network shows of them: their
// countries (sorted), the codes of the territories they are located in and of their sectors
// (as stored), a firm's size and an institution's level ('' for other nodes, since a list of
// columns drops nulls).
UNWIND initiatives + actors + programs AS n
WITH n, [l IN labels(n) WHERE l IN ['Initiative', 'Firm', 'Institution', 'Program']][0] AS label
WHERE label IN $labels
OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
WITH n, label, c
ORDER BY c.code
WITH n, label, collect(DISTINCT c.code) AS countries
RETURN n.id AS id, n.name AS name, label,
       CASE label WHEN 'Initiative' THEN n.type WHEN 'Firm' THEN 'FIRM'
                  WHEN 'Institution' THEN n.kind ELSE 'PROGRAM' END AS kind,
       countries,
       [(n)-[:LOCATED_IN]->(t:Territory) | t.code] AS territories,
       [(n)-[:IN_SECTOR]->(s:Sector) | s.code] AS sectors,
       coalesce(CASE label WHEN 'Firm' THEN n.size END, '') AS size,
       coalesce(CASE label WHEN 'Institution' THEN n.level END, '') AS level
ORDER BY id
