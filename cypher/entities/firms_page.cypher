// A page of firms: each $parameter that is null restricts nothing;
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
  MATCH (root)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(n:Firm)
  RETURN DISTINCT n
  UNION ALL
  WITH 1 AS go WHERE $start = 'SECTORS'
  MATCH (root:Sector) WHERE root.code IN $sectors
  MATCH (root)<-[:PART_OF|CORRESPONDS_TO*0..]-(:Sector)<-[:IN_SECTOR]-(n:Firm)
  RETURN DISTINCT n
  UNION ALL
  WITH 1 AS go WHERE $start = 'KEYS'
  MATCH (n:Actor) WHERE n.id IN $keys AND n:Firm
  RETURN n
  UNION ALL
  WITH 1 AS go WHERE $start = 'ALL'
  MATCH (n:Firm)
  RETURN n
}
WITH n
WHERE ($keys IS NULL OR $start = 'KEYS' OR n.id IN $keys)
  AND ($sizes IS NULL OR n.size IN $sizes)
  AND ($year IS NULL OR coalesce(n.foundedYear, $year) <= $year)
  AND ($countries IS NULL OR ($start = 'TERRITORIES' AND $territories IS NULL) OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $countries })
  AND ($territories IS NULL OR $start = 'TERRITORIES' OR EXISTS {
    MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(up) WHERE up.code IN $territories })
  AND ($sectors IS NULL OR $start = 'SECTORS' OR EXISTS {
    MATCH (n)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(up) WHERE up.code IN $sectors })
WITH n, CASE $orderBy
  WHEN 'NAME' THEN n.name WHEN 'ID' THEN n.id WHEN 'RELEVANCE' THEN $rank[n.id]
  WHEN 'INITIATIVE_COUNT' THEN COUNT { (n)-[:PARTICIPATES_IN]->() }
  WHEN 'FOUNDED_YEAR' THEN n.foundedYear WHEN 'EMPLOYEES' THEN n.employees END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .size, .employees, .foundedYear, .taxId,
          labels: labels(n)} AS node
