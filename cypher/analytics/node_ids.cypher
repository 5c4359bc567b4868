// The in-scope nodes carrying one of $labels, by dataset id in id order: the node rows of a
// projection (analytics/project_rows), without what network/nodes tells of each.
// include: scope
UNWIND initiatives + actors + programs AS n
WITH n, [l IN labels(n) WHERE l IN ['Initiative', 'Firm', 'Institution', 'Program']][0] AS label
WHERE label IN $labels
RETURN n.id AS id
ORDER BY id
