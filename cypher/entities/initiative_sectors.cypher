// The sectors of each initiative of $ids, by code.
UNWIND $ids AS id
MATCH (:Initiative {id: id})-[:IN_SECTOR]->(s:Sector)
OPTIONAL MATCH (s)-[:PART_OF]->(parent:Sector)
WITH id, s, parent ORDER BY s.code
RETURN id, collect(s {.code, .name, .nameEs, .level, .classification, parentCode: parent.code}) AS sectors
