// include: scope
// In-scope initiatives, firms and institutions per territory they lie in, counting every
// territory above theirs too (a firm in Medellín counts for CO-ANT and CO).
UNWIND initiatives + actors AS n
MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(t:Territory)
WITH DISTINCT t, n
RETURN t.code AS code, t.name AS name, t.level AS level,
       count(CASE WHEN n:Initiative THEN 1 END) AS initiatives,
       count(CASE WHEN n:Firm THEN 1 END) AS firms,
       count(CASE WHEN n:Institution THEN 1 END) AS institutions
ORDER BY code
