// A batch of the dataset's `supports` table, (:Program)-[:SUPPORTS]->(:Initiative): the ties of
// the next $batch programmes that have any, in id order after $after (start with ""), read
// from the id index; `last` is where the next batch begins.
MATCH (a:Program)
WHERE a.id > $after AND EXISTS { (a)-[:SUPPORTS]->(:Initiative) }
WITH a ORDER BY a.id LIMIT $batch
MATCH (a)-[r:SUPPORTS]->(b:Initiative)
WITH a, r, b ORDER BY a.id, b.id
RETURN collect({program_id: a.id, initiative_id: b.id, props: properties(r)}) AS rows,
       max(a.id) AS last
