// WHITE_SPOT, step 3: the (region, division) pairs some initiative covers: it works in the
// division and is located in the region, below it, or in its country as a whole. All
// initiatives active in the year count, in scope or not: a white spot is where no initiative is.
MATCH (i:Initiative)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(d:Sector {level: 'DIVISION', classification: 'ISIC Rev.4'})
WHERE $year IS NULL OR coalesce(i.startYear, $year) <= $year <= coalesce(i.endYear, $year)
MATCH (i)-[:LOCATED_IN]->(t:Territory)
CALL (t) {
  MATCH (t)-[:PART_OF*0..]->(r:Territory {level: 'REGION'})
  RETURN r
  UNION
  MATCH (t {level: 'COUNTRY'})<-[:PART_OF]-(r:Territory {level: 'REGION'})
  RETURN r
}
WITH DISTINCT r.code AS region, d.code AS division
RETURN region, division
ORDER BY region, division
