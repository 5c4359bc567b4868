// For each sector code in $codes: the ISIC divisions it lies in (itself when it is one).
UNWIND $codes AS code
MATCH (s:Sector {code: code})
OPTIONAL MATCH (s)-[:PART_OF|CORRESPONDS_TO*0..]->(d:Sector {level: 'DIVISION', classification: 'ISIC Rev.4'})
RETURN code, collect(DISTINCT d.code) AS divisions
