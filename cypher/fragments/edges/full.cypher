// FULL: every in-scope relationship between initiatives, firms, institutions and programmes,
// one row each, in its stored direction (the projection is undirected); weight 1, or the
// SUPPLIES weight when it has one.
WITH initiatives + actors + programs AS nodes
UNWIND nodes AS a
MATCH (a)-[r:PARTICIPATES_IN|GOVERNS|RUNS|SUPPORTS|SUPPLIES|COLLABORATES_WITH|AGREEMENT_WITH]->(b)
WHERE b IN nodes
  AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
RETURN a.id AS source, b.id AS target, type(r) AS type,
       toFloat(CASE type(r) WHEN 'SUPPLIES' THEN coalesce(r.weight, 1.0) ELSE 1.0 END) AS weight
ORDER BY source, target, type
