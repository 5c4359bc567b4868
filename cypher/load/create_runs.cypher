// One batch of new which institution runs each programme: (:Institution)-[:RUNS]->(:Program).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Actor:Institution {id: row.from})
USING INDEX a:Actor(id)
MATCH (b:Program {id: row.to})
USING INDEX b:Program(id)
CREATE (a)-[r:RUNS]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
