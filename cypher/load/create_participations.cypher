// One batch of new actors' participation in initiatives: (:Actor)-[:PARTICIPATES_IN]->(:Initiative).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Actor {id: row.from})
USING INDEX a:Actor(id)
MATCH (b:Initiative {id: row.to})
USING INDEX b:Initiative(id)
CREATE (a)-[r:PARTICIPATES_IN]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
