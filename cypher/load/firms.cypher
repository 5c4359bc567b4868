// One batch of firms (actors): created or updated, each stamped with the load that wrote it.
// Unchanged rows are not written, so loading the same dataset again changes nothing.
UNWIND $rows AS row
OPTIONAL MATCH (old:Actor {id: row.id})
WITH row, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
MERGE (n:Actor:Firm {id: row.id})
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET n += row.props, n += $stamp)
RETURN sum(toInteger(created)) AS created, sum(toInteger(updated)) AS updated
