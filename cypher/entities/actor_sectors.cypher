// The sectors of each actor of $ids (firms have them, institutions do not), by code.
UNWIND $ids AS id
MATCH (:Actor {id: id})-[:IN_SECTOR]->(s:Sector)
OPTIONAL MATCH (s)-[:PART_OF]->(parent:Sector)
WITH id, s, parent ORDER BY s.code
RETURN id, collect(s {.code, .name, .nameEs, .level, .classification, parentCode: parent.code}) AS sectors
