// The in-scope nodes carrying one of $labels, with what the network shows of them.
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
       countries
ORDER BY id
