// What a shared initiative's page says about it before its script runs: name, type,
// description, where it is (territory names) and how many actors take part.
MATCH (i:Initiative {id: $id})
OPTIONAL MATCH (i)-[:LOCATED_IN]->(t:Territory)
WITH i, t ORDER BY t.code
WITH i, collect(t.name) AS territories
RETURN i.name AS name, i.type AS type, i.description AS description,
       i.startYear AS startYear, territories,
       COUNT { (:Actor)-[:PARTICIPATES_IN]->(i) } AS members
