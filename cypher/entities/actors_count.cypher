// How many actors (firms and institutions) the filters of actors_page let through.
MATCH (n:Actor)
WHERE ($keys IS NULL OR n.id IN $keys)
  AND ($kinds IS NULL OR (n:Firm AND 'FIRM' IN $kinds)
       OR (n:Institution AND n.kind IN $kinds))
  AND ($year IS NULL OR coalesce(n.foundedYear, $year) <= $year)
  AND ($countries IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
  AND ($sectors IS NULL OR EXISTS {
    MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(up) WHERE up.code IN $sectors })
RETURN count(n) AS count
