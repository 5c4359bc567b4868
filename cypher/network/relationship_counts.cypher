// include: scope
// How many in-scope relationships of each type join in-scope nodes (the FULL projection's
// edges, counted).
WITH initiatives + actors + programs AS nodes
UNWIND nodes AS a
MATCH (a)-[r:PARTICIPATES_IN|GOVERNS|RUNS|SUPPORTS|SUPPLIES|COLLABORATES_WITH|AGREEMENT_WITH]->(b)
WHERE b IN nodes
  AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
RETURN type(r) AS type, count(*) AS count
