// The territories directly below each of $codes, by code.
UNWIND $codes AS code
MATCH (:Territory {code: code})<-[:PART_OF]-(t:Territory)
WITH code, t ORDER BY t.code
RETURN code, collect(t {.code, .name, .level, parentCode: code}) AS territories
