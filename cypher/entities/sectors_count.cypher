// How many sectors the filters of sectors_page let through.
MATCH (n:Sector)
WHERE ($keys IS NULL OR n.code IN $keys)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($within IS NULL OR EXISTS {
    MATCH (n)-[:PART_OF*0..]->(up) WHERE up.code IN $within })
RETURN count(n) AS count
