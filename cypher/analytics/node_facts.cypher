// For each dataset id in $ids: the regions (or countries, for nodes located at country level)
// it lies in, and the ISIC divisions of its sectors; what names a community.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Initiative {id: id}) RETURN n
  UNION
  MATCH (n:Actor {id: id}) RETURN n
  UNION
  MATCH (n:Program {id: id}) RETURN n
}
CALL (n) {
  OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(t:Territory)
  WHERE t.level = 'REGION'
     OR (t.level = 'COUNTRY' AND NOT EXISTS {
           MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(:Territory {level: 'REGION'}) })
  RETURN collect(DISTINCT t.code) AS territories, collect(DISTINCT t.name) AS territoryNames
}
CALL (n) {
  OPTIONAL MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(s:Sector {level: 'DIVISION'})
  RETURN collect(DISTINCT s.code) AS sectors
}
RETURN id, territories, sectors
