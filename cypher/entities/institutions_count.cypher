// How many institutions the filters of institutions_page let through.
MATCH (n:Institution)
WHERE ($keys IS NULL OR n.id IN $keys)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($countries IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
RETURN count(n) AS count
