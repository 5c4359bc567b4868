// A batch of the sectors a dataset added below ISIC (not the reference data), as rows of the
// dataset's `sectors` table: each one's properties and its parent's code. The next $batch in
// code order after $after (start with ""); `last` is where the next batch begins.
MATCH (n:Sector)
WHERE n.code > $after AND n.reference IS NULL
WITH n ORDER BY n.code LIMIT $batch
RETURN collect({
         props: properties(n),
         parent_code: COLLECT { MATCH (n)-[:PART_OF]->(p:Sector) RETURN p.code ORDER BY p.code }
       }) AS rows,
       max(n.code) AS last
