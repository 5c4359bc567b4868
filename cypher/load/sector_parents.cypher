// One batch of the sector hierarchy the dataset adds: (:Sector)-[:PART_OF]->(:Sector).
// Unchanged relationships are not written, so loading the same dataset again changes nothing.
UNWIND $rows AS row
MATCH (a:Sector {code: row.from})
MATCH (b:Sector {code: row.to})
OPTIONAL MATCH (a)-[old:PART_OF]->(b)
WITH a, b, row, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
MERGE (a)-[r:PART_OF]->(b)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET r += row.props, r += $stamp)
RETURN sum(toInteger(created)) AS created, sum(toInteger(updated)) AS updated
