// Where each initiative of $ids is located, by territory code.
UNWIND $ids AS id
MATCH (:Initiative {id: id})-[:LOCATED_IN]->(t:Territory)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Territory)
WITH id, t, parent ORDER BY t.code
RETURN id, collect(t {.code, .name, .level, parentCode: parent.code}) AS territories
