// GOVERNANCE: in-scope institutions and initiatives; every active GOVERNS seat
// (institution -> initiative) and AGREEMENT_WITH between in-scope institutions, one row each,
// in its stored direction (the projection is undirected); weight 1.
UNWIND actors AS a
MATCH (a:Institution)-[r:GOVERNS|AGREEMENT_WITH]->(b)
WHERE (b IN initiatives OR b IN actors) AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
RETURN a.id AS source, b.id AS target, type(r) AS type, 1.0 AS weight
ORDER BY source, target, type
