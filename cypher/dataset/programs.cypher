// A batch of support programmes as rows of the dataset's `programs` table: each one's
// properties and the id of the institution that runs it. The next $batch in id order after
// $after (start with ""), read from the id index; `last` is where the next batch begins.
MATCH (n:Program)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $batch
RETURN collect({
         props: properties(n),
         institution_id: COLLECT { MATCH (i:Actor:Institution)-[:RUNS]->(n) RETURN i.id ORDER BY i.id }
       }) AS rows,
       max(n.id) AS last
