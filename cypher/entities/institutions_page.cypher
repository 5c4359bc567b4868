// A page of institutions: each $parameter that is null restricts nothing; territory and
// sector codes include their subtrees; ordered by the $orderBy key (nulls last when
// ascending), then id.
MATCH (n:Institution)
WHERE ($keys IS NULL OR n.id IN $keys)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($countries IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
WITH n, CASE $orderBy
  WHEN 'NAME' THEN n.name WHEN 'ID' THEN n.id
  WHEN 'INITIATIVE_COUNT' THEN COUNT { (n)-[:PARTICIPATES_IN]->() }
  WHEN 'FOUNDED_YEAR' THEN n.foundedYear WHEN 'EMPLOYEES' THEN n.employees END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .kind, .level,
          labels: labels(n)} AS node
