// What the node a matchmaking request is for is: Initiative, Program, Firm or Institution.
MATCH (n {id: $id})
WHERE n:Initiative OR n:Program OR n:Actor
RETURN n.id AS id, n.name AS name,
       [l IN labels(n) WHERE l IN ['Initiative', 'Program', 'Firm', 'Institution']][0] AS label
