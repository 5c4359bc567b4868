// How many actors (firms and institutions) the filters of actors_page let through.
// They are read from $start: 'TERRITORIES' (the subtrees of $territories, else of
// $countries), 'SECTORS' (those of $sectors), 'KEYS' (the ids in $keys) or 'ALL';
// a filter the start applied is not tested again. The caller picks the start that reads least
// (service/api/list_plans.py); every start gives the same answer.
CALL () {
  WITH 1 AS go WHERE $start = 'TERRITORIES'
  MATCH (root:Territory) WHERE root.code IN coalesce($territories, $countries)
  MATCH (root)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(n:Actor)
  RETURN DISTINCT n
  UNION ALL
  WITH 1 AS go WHERE $start = 'SECTORS'
  MATCH (root:Sector) WHERE root.code IN $sectors
  MATCH (root)<-[:PART_OF|CORRESPONDS_TO*0..]-(:Sector)<-[:IN_SECTOR]-(n:Actor)
  RETURN DISTINCT n
  UNION ALL
  WITH 1 AS go WHERE $start = 'KEYS'
  MATCH (n:Actor) WHERE n.id IN $keys
  RETURN n
  UNION ALL
  WITH 1 AS go WHERE $start = 'ALL'
  MATCH (n:Actor)
  RETURN n
}
WITH n
WHERE ($keys IS NULL OR $start = 'KEYS' OR n.id IN $keys)
  AND ($kinds IS NULL OR (n:Firm AND 'FIRM' IN $kinds)
       OR (n:Institution AND n.kind IN $kinds))
  AND ($year IS NULL OR coalesce(n.foundedYear, $year) <= $year)
  AND ($countries IS NULL OR ($start = 'TERRITORIES' AND $territories IS NULL) OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR $start = 'TERRITORIES' OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
  AND ($sectors IS NULL OR $start = 'SECTORS' OR EXISTS {
    MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(up) WHERE up.code IN $sectors })
RETURN count(n) AS count
