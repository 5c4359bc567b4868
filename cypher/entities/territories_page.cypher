// A page of territories, by code (by their place in $rank, a search's best match first, when
// given): each $parameter that is null restricts nothing; $within
// keeps the subtrees of those codes; the reference municipalities only when $municipalities.
MATCH (n:Territory)
WHERE ($keys IS NULL OR n.code IN $keys)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($municipalities OR n.reference IS NULL OR n.level <> 'MUNICIPALITY')
  AND ($within IS NULL OR EXISTS {
    MATCH (n)-[:PART_OF*0..]->(up) WHERE up.code IN $within })
WITH n ORDER BY $rank[n.code], n.code SKIP $offset LIMIT $limit
OPTIONAL MATCH (n)-[:PART_OF]->(parent:Territory)
RETURN n {.code, .name, .level, parentCode: parent.code} AS node
