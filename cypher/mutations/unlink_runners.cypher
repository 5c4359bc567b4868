// An update that names a programme's institution replaces it: remove any other runner.
MATCH (i:Institution)-[r:RUNS]->(p:Program {id: $id})
WHERE NOT i.id IN $keep
DELETE r
RETURN count(*) AS removed
