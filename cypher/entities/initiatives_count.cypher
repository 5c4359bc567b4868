// How many initiatives the filters of initiatives_page let through.
MATCH (n:Initiative)
WHERE ($keys IS NULL OR n.id IN $keys)
  AND ($types IS NULL OR n.type IN $types)
  AND ($statuses IS NULL OR n.status IN $statuses)
  AND ($year IS NULL OR (coalesce(n.startYear, $year) <= $year
                         AND $year <= coalesce(n.endYear, $year)))
  AND ($countries IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
  AND ($located IS NULL OR EXISTS { MATCH (n)-[:LOCATED_IN]->(:Territory {code: $located}) })
  AND ($sectors IS NULL OR EXISTS {
    MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(up) WHERE up.code IN $sectors })
RETURN count(n) AS count
