// One batch of programmes' support to initiatives: (:Program)-[:SUPPORTS]->(:Initiative).
// Unchanged relationships are not written, so loading the same dataset again changes
// nothing; returns what it created and the before-image of what it changed, for the journal.
UNWIND $rows AS row
MATCH (a:Program {id: row.from})
USING INDEX a:Program(id)
MATCH (b:Initiative {id: row.to})
USING INDEX b:Initiative(id)
OPTIONAL MATCH (a)-[old:SUPPORTS]->(b)
WITH a, b, row, old, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
WITH *, CASE WHEN updated THEN properties(old) END AS before
MERGE (a)-[r:SUPPORTS]->(b)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET r += row.props, r += $stamp)
RETURN collect(CASE WHEN created THEN elementId(r) END) AS created,
       collect(CASE WHEN updated THEN {target: elementId(r), before: before} END) AS updated
