// The ISIC Rev.4 codes each national sector code of $codes corresponds to, by code, with
// whether the correspondence is partial (the national code maps to several).
UNWIND $codes AS code
MATCH (:Sector {code: code})-[c:CORRESPONDS_TO]->(s:Sector)
OPTIONAL MATCH (s)-[:PART_OF]->(parent:Sector)
WITH code, c, s, parent ORDER BY s.code
RETURN code, collect({partial: c.partial, sector: s {.code, .name, .nameEs, .level,
                     .classification, parentCode: parent.code}}) AS correspondences
