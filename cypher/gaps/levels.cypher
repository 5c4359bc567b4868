// The level of government of the given institutions (for brokerage by LEVEL).
MATCH (n:Institution)
WHERE n.id IN $ids
RETURN n.id AS id, n.level AS level
