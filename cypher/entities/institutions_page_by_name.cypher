// A page of institutions by name, then id: the filters of institutions_page, read in the order of
// the name index (names are required), so a page stops early instead of sorting all.
MATCH (n:Institution)
WHERE n.name IS NOT NULL
  AND ($keys IS NULL OR n.id IN $keys)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($countries IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
WITH n ORDER BY n.name, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .kind, .level,
          labels: labels(n)} AS node
