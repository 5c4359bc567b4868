// How many firms the filters of firms_page let through.
MATCH (n:Firm)
WHERE ($keys IS NULL OR n.id IN $keys)
  AND ($sizes IS NULL OR n.size IN $sizes)
  AND ($year IS NULL OR coalesce(n.foundedYear, $year) <= $year)
  AND ($countries IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
  AND ($sectors IS NULL OR EXISTS {
    MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(up) WHERE up.code IN $sectors })
RETURN count(n) AS count
