// One batch of new formal agreements between institutions: (:Institution)-[:AGREEMENT_WITH]->(:Institution).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Actor:Institution {id: row.from})
USING INDEX a:Actor(id)
MATCH (b:Actor:Institution {id: row.to})
USING INDEX b:Actor(id)
CREATE (a)-[r:AGREEMENT_WITH]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
