// A page of firms: each $parameter that is null restricts nothing; territory and
// sector codes include their subtrees; ordered by the $orderBy key (nulls last when
// ascending), then id.
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
WITH n, CASE $orderBy
  WHEN 'NAME' THEN n.name WHEN 'ID' THEN n.id
  WHEN 'INITIATIVE_COUNT' THEN COUNT { (n)-[:PARTICIPATES_IN]->() }
  WHEN 'FOUNDED_YEAR' THEN n.foundedYear WHEN 'EMPLOYEES' THEN n.employees END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .size, .employees, .foundedYear,
          labels: labels(n)} AS node
