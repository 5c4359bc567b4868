// WHITE_SPOT, step 2: in-scope firms per region and per country, whatever their sector.
// include: scope
UNWIND actors AS f
WITH f
WHERE f:Firm
MATCH (f)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(r:Territory {level: 'REGION'})
MATCH (r)-[:PART_OF]->(c:Territory {level: 'COUNTRY'})
RETURN c.code AS country, r.code AS region, count(DISTINCT f) AS firms
ORDER BY country, region
