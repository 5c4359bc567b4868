// One batch of new territories of firms and institutions: (:Actor)-[:LOCATED_IN]->(:Territory).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Actor {id: row.from})
USING INDEX a:Actor(id)
MATCH (b:Territory {code: row.to})
USING INDEX b:Territory(code)
CREATE (a)-[r:LOCATED_IN]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
