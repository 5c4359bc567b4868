// Reference territories (countries, then their first-level subdivisions), parents first.
// Writes only what differs, so running it again changes nothing.
UNWIND $rows AS row
MERGE (t:Territory {code: row.code})
WITH t, row, [k IN keys(row.props) WHERE t[k] IS NULL OR t[k] <> row.props[k]] AS changed
FOREACH (_ IN CASE WHEN size(changed) > 0 THEN [1] ELSE [] END | SET t += row.props)
WITH t, row
OPTIONAL MATCH (parent:Territory {code: row.parentCode})
USING INDEX parent:Territory(code)
FOREACH (_ IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | MERGE (t)-[:PART_OF]->(parent))
RETURN count(t) AS rows
