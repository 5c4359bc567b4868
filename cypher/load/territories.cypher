// One batch of territories the dataset adds below the reference data (PART_OF comes after).
UNWIND $rows AS row
OPTIONAL MATCH (old:Territory {code: row.code})
WITH row, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
MERGE (n:Territory {code: row.code})
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET n += row.props, n += $stamp)
RETURN sum(toInteger(created)) AS created, sum(toInteger(updated)) AS updated
