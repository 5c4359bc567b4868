// A page of programmes: each $parameter that is null restricts nothing; ordered by the
// $orderBy key (nulls last when ascending), then id.
// $orderBy RELEVANCE: a node's place in $rank, a search's best match first.
MATCH (n:Program)
WHERE ($keys IS NULL OR n.id IN $keys)
  AND ($currencies IS NULL OR n.currency IN $currencies)
  AND ($year IS NULL OR (coalesce(n.startYear, $year) <= $year
                         AND $year <= coalesce(n.endYear, $year)))
WITH n, CASE $orderBy
  WHEN 'NAME' THEN n.name WHEN 'ID' THEN n.id WHEN 'RELEVANCE' THEN $rank[n.id]
  WHEN 'START_YEAR' THEN n.startYear WHEN 'END_YEAR' THEN n.endYear
  WHEN 'BUDGET' THEN n.budget END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .instrument, .startYear, .endYear, .budget, .currency,
          labels: labels(n)} AS node
