// Where each actor of $ids is located.
UNWIND $ids AS id
MATCH (:Actor {id: id})-[:LOCATED_IN]->(t:Territory)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Territory)
WITH id, t, parent ORDER BY t.code
RETURN id, collect(t {.code, .name, .level, parentCode: parent.code}) AS territories
