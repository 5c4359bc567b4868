// A batch of firms as rows of the dataset's `firms` table: each one's properties and the codes
// of its territory and sectors. The next $batch in id order after $after (start with ""),
// read from the id index; `last` is where the next batch begins.
MATCH (n:Actor)
USING INDEX n:Actor(id)
WHERE n.id > $after AND n:Firm
WITH n ORDER BY n.id LIMIT $batch
RETURN collect({
         props: properties(n),
         territory_code: COLLECT { MATCH (n)-[:LOCATED_IN]->(t:Territory) RETURN t.code ORDER BY t.code },
         sector_codes: COLLECT { MATCH (n)-[:IN_SECTOR]->(s:Sector) RETURN s.code ORDER BY s.code }
       }) AS rows,
       max(n.id) AS last
