// One batch of new supplier relations between firms: (:Firm)-[:SUPPLIES]->(:Firm).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Actor:Firm {id: row.from})
USING INDEX a:Actor(id)
MATCH (b:Actor:Firm {id: row.to})
USING INDEX b:Actor(id)
CREATE (a)-[r:SUPPLIES]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
