// A page of initiatives by name, then id: the filters of initiatives_page, read in the order of
// the name index (names are required), so a page stops early instead of sorting all.
MATCH (n:Initiative)
WHERE n.name IS NOT NULL
  AND ($keys IS NULL OR n.id IN $keys)
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
    MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(up) WHERE up.code IN $sectors })
WITH n ORDER BY n.name, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .type, .status, .startYear, .endYear, .description, .website, .contact,
          labels: labels(n)} AS node
