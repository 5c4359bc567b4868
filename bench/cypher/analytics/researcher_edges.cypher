// The researcher's own pull of the FULL graph's edges: every relationship between initiatives,
// actors and programmes, by dataset ids, weight 1 or the SUPPLIES weight, one record each.
MATCH (a)-[r:PARTICIPATES_IN|GOVERNS|RUNS|SUPPORTS|SUPPLIES|COLLABORATES_WITH|AGREEMENT_WITH]->(b)
RETURN a.id AS source, b.id AS target, toFloat(coalesce(r.weight, 1.0)) AS weight
