// A batch of institutions as rows of the dataset's `institutions` table: each one's properties
// and the code of its territory. The next $batch in id order after $after (start with ""),
// read from the id index; `last` is where the next batch begins.
MATCH (n:Actor)
USING INDEX n:Actor(id)
WHERE n.id > $after AND n:Institution
WITH n ORDER BY n.id LIMIT $batch
RETURN collect({
         props: properties(n),
         territory_code: COLLECT { MATCH (n)-[:LOCATED_IN]->(t:Territory) RETURN t.code ORDER BY t.code }
       }) AS rows,
       max(n.id) AS last
