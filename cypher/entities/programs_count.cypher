// How many programmes the filters of programs_page let through.
MATCH (n:Program)
WHERE ($keys IS NULL OR n.id IN $keys)
  AND ($currencies IS NULL OR n.currency IN $currencies)
  AND ($year IS NULL OR (coalesce(n.startYear, $year) <= $year
                         AND $year <= coalesce(n.endYear, $year)))
RETURN count(n) AS count
