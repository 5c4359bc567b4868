// One batch of formal agreements between institutions: (:Institution)-[:AGREEMENT_WITH]->(:Institution).
// Unchanged relationships are not written, so loading the same dataset again changes nothing.
UNWIND $rows AS row
MATCH (a:Actor:Institution {id: row.from})
MATCH (b:Actor:Institution {id: row.to})
OPTIONAL MATCH (a)-[old:AGREEMENT_WITH]->(b)
WITH a, b, row, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
MERGE (a)-[r:AGREEMENT_WITH]->(b)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET r += row.props, r += $stamp)
RETURN sum(toInteger(created)) AS created, sum(toInteger(updated)) AS updated
