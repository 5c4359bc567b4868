// A page of initiatives: each $parameter that is null restricts nothing;
// territory and sector codes include their subtrees; ordered by the $orderBy key (nulls last
// when ascending), then id.
// They are read from $start: 'TERRITORIES' (the subtrees of $territories, else of
// $countries), 'SECTORS' (those of $sectors), 'KEYS' (the ids in $keys) or 'ALL';
// a filter the start applied is not tested again. The caller picks the start that reads least
// (service/api/list_plans.py); every start gives the same answer.
// $orderBy RELEVANCE: a node's place in $rank, a search's best match first.
CALL () {
  WITH 1 AS go WHERE $start = 'TERRITORIES'
  MATCH (root:Territory) WHERE root.code IN coalesce($territories, $countries)
  MATCH (root)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(n:Initiative)
  RETURN DISTINCT n
  UNION ALL
  WITH 1 AS go WHERE $start = 'SECTORS'
  MATCH (root:Sector) WHERE root.code IN $sectors
  MATCH (root)<-[:PART_OF|CORRESPONDS_TO*0..]-(:Sector)<-[:IN_SECTOR]-(n:Initiative)
  RETURN DISTINCT n
  UNION ALL
  WITH 1 AS go WHERE $start = 'KEYS'
  MATCH (n:Initiative) WHERE n.id IN $keys
  RETURN n
  UNION ALL
  WITH 1 AS go WHERE $start = 'ALL'
  MATCH (n:Initiative)
  RETURN n
}
WITH n
WHERE ($keys IS NULL OR $start = 'KEYS' OR n.id IN $keys)
  AND ($types IS NULL OR n.type IN $types)
  AND ($statuses IS NULL OR n.status IN $statuses)
  AND ($year IS NULL OR (coalesce(n.startYear, $year) <= $year
                         AND $year <= coalesce(n.endYear, $year)))
  AND ($countries IS NULL OR ($start = 'TERRITORIES' AND $territories IS NULL) OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR $start = 'TERRITORIES' OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
  AND ($located IS NULL OR EXISTS { MATCH (n)-[:LOCATED_IN]->(:Territory {code: $located}) })
  AND ($sectors IS NULL OR $start = 'SECTORS' OR EXISTS {
    MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(up) WHERE up.code IN $sectors })
WITH n, CASE $orderBy
  WHEN 'NAME' THEN n.name WHEN 'ID' THEN n.id WHEN 'RELEVANCE' THEN $rank[n.id]
  WHEN 'START_YEAR' THEN n.startYear WHEN 'END_YEAR' THEN n.endYear
  WHEN 'PARTICIPANT_COUNT' THEN COUNT { (n)<-[:PARTICIPATES_IN]-() } END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .type, .status, .startYear, .endYear, .description, .website, .contact,
          labels: labels(n)} AS node
