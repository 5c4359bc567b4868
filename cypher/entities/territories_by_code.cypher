// Territories by code, with the code of their parent.
UNWIND $codes AS code
MATCH (t:Territory {code: code})
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Territory)
RETURN t {.code, .name, .level, parentCode: parent.code} AS node
