// How many territories the filters of territories_page let through.
MATCH (n:Territory)
WHERE ($keys IS NULL OR n.code IN $keys)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($municipalities OR n.reference IS NULL OR n.level <> 'MUNICIPALITY')
  AND ($within IS NULL OR EXISTS {
    MATCH (n)-[:PART_OF*0..]->(up) WHERE up.code IN $within })
RETURN count(n) AS count
