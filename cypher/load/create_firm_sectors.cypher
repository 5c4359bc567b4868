// One batch of new sectors of firms: (:Firm)-[:IN_SECTOR]->(:Sector).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Actor:Firm {id: row.from})
USING INDEX a:Actor(id)
MATCH (b:Sector {code: row.to})
USING INDEX b:Sector(code)
CREATE (a)-[r:IN_SECTOR]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
