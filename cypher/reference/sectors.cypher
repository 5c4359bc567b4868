// Reference ISIC Rev.4 sectors (sections, divisions, groups, classes), parents first.
// Writes only what differs, so running it again changes nothing.
UNWIND $rows AS row
MERGE (s:Sector {code: row.code})
WITH s, row, [k IN keys(row.props) WHERE s[k] IS NULL OR s[k] <> row.props[k]] AS changed
FOREACH (_ IN CASE WHEN size(changed) > 0 THEN [1] ELSE [] END | SET s += row.props)
WITH s, row
OPTIONAL MATCH (parent:Sector {code: row.parentCode})
USING INDEX parent:Sector(code)
FOREACH (_ IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | MERGE (s)-[:PART_OF]->(parent))
RETURN count(s) AS rows
