// A page of firms by name, then id: the filters of firms_page, read in the order of
// the name index (names are required), so a page stops early instead of sorting all.
MATCH (n:Firm)
WHERE n.name IS NOT NULL
  AND ($keys IS NULL OR n.id IN $keys)
  AND ($sizes IS NULL OR n.size IN $sizes)
  AND ($year IS NULL OR coalesce(n.foundedYear, $year) <= $year)
  AND ($countries IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
  AND ($sectors IS NULL OR EXISTS {
    MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(up) WHERE up.code IN $sectors })
WITH n ORDER BY n.name, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .size, .employees, .foundedYear, .taxId,
          labels: labels(n)} AS node
