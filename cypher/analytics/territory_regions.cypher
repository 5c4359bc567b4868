// For each territory code in $codes: the regions it lies in (itself when it is one) and the
// countries; a node is named by its regions, or by its countries when it has no region.
UNWIND $codes AS code
MATCH (t:Territory {code: code})
CALL (t) {
  OPTIONAL MATCH (t)-[:PART_OF*0..]->(r:Territory {level: 'REGION'})
  RETURN collect(DISTINCT r.code) AS regions
}
CALL (t) {
  OPTIONAL MATCH (t)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
  RETURN collect(DISTINCT c.code) AS countries
}
RETURN code, regions, countries
