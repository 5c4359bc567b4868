// A page of initiatives: each $parameter that is null restricts nothing; territory and
// sector codes include their subtrees; ordered by the $orderBy key (nulls last when
// ascending), then id.
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
WITH n, CASE $orderBy
  WHEN 'NAME' THEN n.name WHEN 'ID' THEN n.id
  WHEN 'START_YEAR' THEN n.startYear WHEN 'END_YEAR' THEN n.endYear
  WHEN 'PARTICIPANT_COUNT' THEN COUNT { (n)<-[:PARTICIPATES_IN]-() } END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .type, .status, .startYear, .endYear, .description, .website,
          labels: labels(n)} AS node
