// One batch of new seats of institutions in initiatives' governance: (:Institution)-[:GOVERNS]->(:Initiative).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Actor:Institution {id: row.from})
USING INDEX a:Actor(id)
MATCH (b:Initiative {id: row.to})
USING INDEX b:Initiative(id)
CREATE (a)-[r:GOVERNS]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
