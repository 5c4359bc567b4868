// One batch of new joint actions between initiatives: (:Initiative)-[:COLLABORATES_WITH]->(:Initiative).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Initiative {id: row.from})
USING INDEX a:Initiative(id)
MATCH (b:Initiative {id: row.to})
USING INDEX b:Initiative(id)
CREATE (a)-[r:COLLABORATES_WITH]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
