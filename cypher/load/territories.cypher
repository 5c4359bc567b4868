// One batch of territories the dataset adds below the reference data (PART_OF comes after).
UNWIND $rows AS row
OPTIONAL MATCH (old:Territory {code: row.code})
USING INDEX old:Territory(code)
WITH row, old, old IS NULL AS created,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS updated
WITH *, CASE WHEN updated THEN properties(old) END AS before
MERGE (n:Territory {code: row.code})
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET n += row.props, n += $stamp)
RETURN collect(CASE WHEN created THEN elementId(n) END) AS created,
       collect(CASE WHEN updated THEN {target: elementId(n), before: before} END) AS updated
