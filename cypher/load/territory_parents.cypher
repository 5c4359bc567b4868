// One batch of the territory hierarchy the dataset adds: (:Territory)-[:PART_OF]->(:Territory).
// Unchanged relationships are not written, so loading the same dataset again changes nothing.
UNWIND $rows AS row
MATCH (a:Territory {code: row.from})
MATCH (b:Territory {code: row.to})
OPTIONAL MATCH (a)-[old:PART_OF]->(b)
WITH a, b, row, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
MERGE (a)-[r:PART_OF]->(b)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET r += row.props, r += $stamp)
RETURN sum(toInteger(created)) AS created, sum(toInteger(updated)) AS updated
