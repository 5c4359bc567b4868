// One batch of support programmes: created or updated, each stamped with the load that wrote it.
// Unchanged rows are not written, so loading the same dataset again changes nothing;
// returns what it created and the before-image of what it changed, for the load journal.
UNWIND $rows AS row
OPTIONAL MATCH (old:Program {id: row.id})
USING INDEX old:Program(id)
WITH row, old, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
WITH *, CASE WHEN updated THEN properties(old) END AS before
MERGE (n:Program {id: row.id})
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET n += row.props, n += $stamp)
RETURN collect(CASE WHEN created THEN elementId(n) END) AS created,
       collect(CASE WHEN updated THEN {target: elementId(n), before: before} END) AS updated
