// A batch of the territories a dataset added (not the reference data), as rows of the
// dataset's `territories` table: each one's properties and its parent's code. The next
// $batch in code order after $after (start with ""); `last` is where the next batch begins.
MATCH (n:Territory)
WHERE n.code > $after AND n.reference IS NULL
WITH n ORDER BY n.code LIMIT $batch
RETURN collect({
         props: properties(n),
         parent_code: COLLECT { MATCH (n)-[:PART_OF]->(p:Territory) RETURN p.code ORDER BY p.code }
       }) AS rows,
       max(n.code) AS last
