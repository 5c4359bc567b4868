// One batch of sectors of initiatives: (:Initiative)-[:IN_SECTOR]->(:Sector).
// Unchanged relationships are not written, so loading the same dataset again changes
// nothing; returns what it created and the before-image of what it changed, for the journal.
UNWIND $rows AS row
MATCH (a:Initiative {id: row.from})
USING INDEX a:Initiative(id)
MATCH (b:Sector {code: row.to})
USING INDEX b:Sector(code)
OPTIONAL MATCH (a)-[old:IN_SECTOR]->(b)
WITH a, b, row, old, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
WITH *, CASE WHEN updated THEN properties(old) END AS before
MERGE (a)-[r:IN_SECTOR]->(b)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET r += row.props, r += $stamp)
RETURN collect(CASE WHEN created THEN elementId(r) END) AS created,
       collect(CASE WHEN updated THEN {target: elementId(r), before: before} END) AS updated
