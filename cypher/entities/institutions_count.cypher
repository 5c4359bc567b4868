// How many institutions the filters of institutions_page let through.
// They are read from $start: 'TERRITORIES' (the subtrees of $territories, else of
// $countries), 'KEYS' (the ids in $keys) or 'ALL';
// a filter the start applied is not tested again. The caller picks the start that reads least
// (service/api/list_plans.py); every start gives the same answer.
CALL () {
  WITH 1 AS go WHERE $start = 'TERRITORIES'
  MATCH (root:Territory) WHERE root.code IN coalesce($territories, $countries)
  MATCH (root)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(n:Institution)
  RETURN DISTINCT n
  UNION ALL
  WITH 1 AS go WHERE $start = 'KEYS'
  MATCH (n:Actor) WHERE n.id IN $keys AND n:Institution
  RETURN n
  UNION ALL
  WITH 1 AS go WHERE $start = 'ALL'
  MATCH (n:Institution)
  RETURN n
}
WITH n
WHERE ($keys IS NULL OR $start = 'KEYS' OR n.id IN $keys)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($countries IS NULL OR ($start = 'TERRITORIES' AND $territories IS NULL) OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR $start = 'TERRITORIES' OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
RETURN count(n) AS count
