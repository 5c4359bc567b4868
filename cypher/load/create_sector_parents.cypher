// One batch of new the sector hierarchy the dataset adds: (:Sector)-[:PART_OF]->(:Sector).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Sector {code: row.from})
USING INDEX a:Sector(code)
MATCH (b:Sector {code: row.to})
USING INDEX b:Sector(code)
CREATE (a)-[r:PART_OF]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
