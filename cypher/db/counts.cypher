// Node counts per label combination, for summaries.
MATCH (n)
RETURN labels(n) AS labels, count(*) AS count
