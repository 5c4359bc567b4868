// WHITE_SPOT, step 1: in-scope firms counted per first-level region and ISIC division, with
// the region's country.
// include: scope
UNWIND actors AS f
WITH f
WHERE f:Firm
MATCH (f)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(r:Territory {level: 'REGION'})
MATCH (r)-[:PART_OF]->(c:Territory {level: 'COUNTRY'})
MATCH (f)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(d:Sector {level: 'DIVISION', classification: 'ISIC Rev.4'})
RETURN c.code AS country, r.code AS region, r.name AS regionName, d.code AS division,
       d.name AS divisionName, count(DISTINCT f) AS firms
ORDER BY country, region, division
