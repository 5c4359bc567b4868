// Firms for supplier matchmaking: those of the anchor's country (suppliers are sought in its
// region, then its country), the anchor included, with ISIC groups, region and country, size,
// and whom they supply.
MATCH (:Firm {id: $anchor})-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->
      (country:Territory {level: 'COUNTRY'})
WITH DISTINCT country
MATCH (f:Firm)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(country)
WITH DISTINCT f
CALL (f) {
  OPTIONAL MATCH (f)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(g:Sector {level: 'GROUP', classification: 'ISIC Rev.4'})
  RETURN collect(DISTINCT g.code) AS groups
}
CALL (f) {
  OPTIONAL MATCH (f)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(r:Territory {level: 'REGION'})
  OPTIONAL MATCH (f)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
  RETURN head(collect(DISTINCT r.code)) AS region, head(collect(DISTINCT c.code)) AS country
}
CALL (f) {
  OPTIONAL MATCH (f)-[:SUPPLIES]->(client:Firm)
  RETURN collect(DISTINCT client.id) AS clients
}
RETURN f.id AS id, f.name AS name, f.size AS size, groups, region, country, clients
ORDER BY id
