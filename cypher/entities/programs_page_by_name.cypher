// A page of programs by name, then id: the filters of programs_page, read in the order of
// the name index (names are required), so a page stops early instead of sorting all.
MATCH (n:Program)
WHERE n.name IS NOT NULL
  AND ($keys IS NULL OR n.id IN $keys)
  AND ($currencies IS NULL OR n.currency IN $currencies)
  AND ($year IS NULL OR (coalesce(n.startYear, $year) <= $year
                         AND $year <= coalesce(n.endYear, $year)))
WITH n ORDER BY n.name, n.id
SKIP $offset LIMIT $limit
RETURN n {.id, .name, .instrument, .startYear, .endYear, .budget, .currency,
          labels: labels(n)} AS node
