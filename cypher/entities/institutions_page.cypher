// A page of institutions: each $parameter that is null restricts nothing;
// territory codes include their subtrees; ordered by the $orderBy key (nulls last
// when ascending), then id.
// They are read from $start: 'TERRITORIES' (the subtrees of $territories, else of
// $countries), 'KEYS' (the ids in $keys) or 'ALL';
// a filter the start applied is not tested again. The caller picks the start that reads least
// (service/api/list_plans.py); every start gives the same answer.
// $orderBy RELEVANCE: a node's place in $rank, a search's best match first.
CALL () {
  WITH 1 AS go WHERE $start = 'TERRITORIES'
  MATCH (root:Territory) WHERE root.code IN coalesce($territories, $countries)
  MATCH (root)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(n:Institution)
  RETURN DISTINCT n
  UNION ALL
  WITH 1 AS go WHERE $start = 'KEYS'
  MATCH (n:Actor) WHERE n.id IN $keys AND n:Institution
  RETURN n
  UNION ALL
  WITH 1 AS go WHERE $start = 'ALL'
  MATCH (n:Institution)
  RETURN n
}
WITH n
WHERE ($keys IS NULL OR $start = 'KEYS' OR n.id IN $keys)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($countries IS NULL OR ($start = 'TERRITORIES' AND $territories IS NULL) OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR $start = 'TERRITORIES' OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
WITH n, CASE $orderBy
  WHEN 'NAME' THEN n.name WHEN 'ID' THEN n.id WHEN 'RELEVANCE' THEN $rank[n.id]
  WHEN 'INITIATIVE_COUNT' THEN COUNT { (n)-[:PARTICIPATES_IN]->() }
  WHEN 'FOUNDED_YEAR' THEN n.foundedYear WHEN 'EMPLOYEES' THEN n.employees END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .kind, .level,
          labels: labels(n)} AS node
