// Sectors by code, with the code of their parent.
UNWIND $codes AS code
MATCH (s:Sector {code: code})
OPTIONAL MATCH (s)-[:PART_OF]->(parent:Sector)
RETURN s {.code, .name, .nameEs, .level, .classification, parentCode: parent.code} AS node
