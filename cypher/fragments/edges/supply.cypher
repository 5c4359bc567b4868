// SUPPLY: active SUPPLIES between in-scope firms, directed supplier -> client; weight = the
// relationship's weight (share of the supplier's sales), 1 when it has none.
UNWIND actors AS a
MATCH (a:Firm)-[r:SUPPLIES]->(b:Firm)
WHERE b IN actors AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
RETURN a.id AS source, b.id AS target, 'SUPPLIES' AS type, toFloat(coalesce(r.weight, 1.0)) AS weight
ORDER BY source, target
