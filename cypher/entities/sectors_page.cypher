// A page of sectors, by code (by their place in $rank, a search's best match first, when
// given): each $parameter that is null restricts nothing; $within
// keeps the subtrees of those codes.
MATCH (n:Sector)
WHERE ($keys IS NULL OR n.code IN $keys)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($within IS NULL OR EXISTS {
    MATCH (n)-[:PART_OF*0..]->(up) WHERE up.code IN $within })
WITH n ORDER BY $rank[n.code], n.code SKIP $offset LIMIT $limit
OPTIONAL MATCH (n)-[:PART_OF]->(parent:Sector)
RETURN n {.code, .name, .nameEs, .level, .classification, parentCode: parent.code} AS node
