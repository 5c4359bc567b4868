// Reference links from national sector codes to the ISIC Rev.4 node(s) they correspond to
// (loaders/reference/national_isic.csv). Writes only what differs.
UNWIND $rows AS row
MATCH (n:Sector {code: row.code})
MATCH (isic:Sector {code: row.isicCode})
MERGE (n)-[c:CORRESPONDS_TO]->(isic)
WITH c, row WHERE c.partial IS NULL OR c.partial <> row.partial
SET c.partial = row.partial
RETURN count(c) AS rows
