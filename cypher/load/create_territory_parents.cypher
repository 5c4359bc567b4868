// One batch of new the territory hierarchy the dataset adds: (:Territory)-[:PART_OF]->(:Territory).
// Each has an end this load creates, so it cannot exist yet: CREATE, not MERGE.
UNWIND $rows AS row
MATCH (a:Territory {code: row.from})
USING INDEX a:Territory(code)
MATCH (b:Territory {code: row.to})
USING INDEX b:Territory(code)
CREATE (a)-[r:PART_OF]->(b)
SET r += row.props, r += $stamp
RETURN count(r) AS created
