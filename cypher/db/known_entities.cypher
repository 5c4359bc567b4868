// Which of $ids exist already, and as what.
UNWIND $ids AS id
OPTIONAL MATCH (i:Initiative {id: id})
OPTIONAL MATCH (a:Actor {id: id})
OPTIONAL MATCH (p:Program {id: id})
WITH id, coalesce(i, a, p) AS n
WHERE n IS NOT NULL
RETURN id, labels(n) AS labels
