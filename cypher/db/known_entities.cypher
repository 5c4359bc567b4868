// Which of $ids exist already, and as what.
UNWIND $ids AS id
OPTIONAL MATCH (i:Initiative {id: id})
USING INDEX i:Initiative(id)
OPTIONAL MATCH (a:Actor {id: id})
USING INDEX a:Actor(id)
OPTIONAL MATCH (p:Program {id: id})
USING INDEX p:Program(id)
WITH id, coalesce(i, a, p) AS n
WHERE n IS NOT NULL
RETURN id, labels(n) AS labels
