// A page of actors by name, then id: the filters of actors_page, read in the order of
// the name index (names are required), so a page stops early instead of sorting all.
MATCH (n:Actor)
WHERE n.name IS NOT NULL
  AND ($keys IS NULL OR n.id IN $keys)
  AND ($kinds IS NULL OR (n:Firm AND 'FIRM' IN $kinds)
       OR (n:Institution AND n.kind IN $kinds))
  AND ($year IS NULL OR coalesce(n.foundedYear, $year) <= $year)
  AND ($countries IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
  AND ($sectors IS NULL OR EXISTS {
    MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(up) WHERE up.code IN $sectors })
WITH n ORDER BY n.name, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .size, .employees, .foundedYear, .taxId, .kind, .level,
          labels: labels(n)} AS node
