// A batch of initiatives as rows of the dataset's `initiatives` table: each one's properties
// and the codes of its territories and sectors. The next $batch in id order after $after
// (start with ""), read from the id index; `last` is where the next batch begins.
MATCH (n:Initiative)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $batch
RETURN collect({
         props: properties(n),
         territory_codes: COLLECT { MATCH (n)-[:LOCATED_IN]->(t:Territory) RETURN t.code ORDER BY t.code },
         sector_codes: COLLECT { MATCH (n)-[:IN_SECTOR]->(s:Sector) RETURN s.code ORDER BY s.code }
       }) AS rows,
       max(n.id) AS last
