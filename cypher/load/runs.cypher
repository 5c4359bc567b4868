// One batch of which institution runs each programme: (:Institution)-[:RUNS]->(:Program).
// Unchanged relationships are not written, so loading the same dataset again changes nothing.
UNWIND $rows AS row
MATCH (a:Actor:Institution {id: row.from})
MATCH (b:Program {id: row.to})
OPTIONAL MATCH (a)-[old:RUNS]->(b)
WITH a, b, row, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
MERGE (a)-[r:RUNS]->(b)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET r += row.props, r += $stamp)
RETURN sum(toInteger(created)) AS created, sum(toInteger(updated)) AS updated
