// One batch of new programmes' support to initiatives: (:Program)-[:SUPPORTS]->(:Initiative).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Program {id: row.from})
USING INDEX a:Program(id)
MATCH (b:Initiative {id: row.to})
USING INDEX b:Initiative(id)
CREATE (a)-[r:SUPPORTS]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
