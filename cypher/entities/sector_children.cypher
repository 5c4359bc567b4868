// The sectors directly below each of $codes, by code.
UNWIND $codes AS code
MATCH (:Sector {code: code})<-[:PART_OF]-(s:Sector)
WITH code, s ORDER BY s.code
RETURN code, collect(s {.code, .name, .nameEs, .level, .classification, parentCode: code}) AS sectors
