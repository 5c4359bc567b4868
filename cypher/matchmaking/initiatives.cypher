// Every initiative's profile for matchmaking: ISIC groups and divisions, countries, first-level
// regions and every territory it lies in or below, the actors taking
// part (participants and governors), their profile (participant firms' divisions, institutions'
// kinds), its collaboration partners, the programmes supporting it and its territories.
MATCH (i:Initiative)
CALL (i) {
  OPTIONAL MATCH (i)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(d:Sector {level: 'DIVISION', classification: 'ISIC Rev.4'})
  RETURN collect(DISTINCT d.code) AS divisions
}
CALL (i) {
  OPTIONAL MATCH (i)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(g:Sector {level: 'GROUP', classification: 'ISIC Rev.4'})
  RETURN collect(DISTINCT g.code) AS groups
}
CALL (i) {
  OPTIONAL MATCH (i)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(t:Territory)
  RETURN collect(DISTINCT t.code) AS places,
         collect(DISTINCT CASE t.level WHEN 'COUNTRY' THEN t.code END) AS countries,
         collect(DISTINCT CASE t.level WHEN 'REGION' THEN t.code END) AS regions
}
CALL (i) {
  OPTIONAL MATCH (a:Actor)-[:PARTICIPATES_IN|GOVERNS]->(i)
  OPTIONAL MATCH (a:Firm)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(d:Sector {level: 'DIVISION', classification: 'ISIC Rev.4'})
  RETURN collect(DISTINCT a.id) AS actors,
         collect(DISTINCT 'division ' + d.code)
           + collect(DISTINCT CASE WHEN a:Institution THEN toLower(a.kind) END) AS profile
}
CALL (i) {
  OPTIONAL MATCH (i)-[:COLLABORATES_WITH]-(o:Initiative)
  RETURN collect(DISTINCT o.id) AS partners
}
CALL (i) {
  OPTIONAL MATCH (p:Program)-[:SUPPORTS]->(i)
  RETURN collect(DISTINCT p.id) AS programs
}
RETURN i.id AS id, i.name AS name, divisions, groups, places, countries, regions, actors, profile,
       partners, programs
ORDER BY id
