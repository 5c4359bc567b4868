// A batch of the dataset's `collaborations` table, (:Initiative)-[:COLLABORATES_WITH]->
// (:Initiative): the ties of the next $batch initiatives that have any, in id order after
// $after (start with ""), read from the id index; `last` is where the next batch begins.
MATCH (a:Initiative)
WHERE a.id > $after AND EXISTS { (a)-[:COLLABORATES_WITH]->(:Initiative) }
WITH a ORDER BY a.id LIMIT $batch
MATCH (a)-[r:COLLABORATES_WITH]->(b:Initiative)
WITH a, r, b ORDER BY a.id, b.id
RETURN collect({initiative_id: a.id, partner_initiative_id: b.id, props: properties(r)}) AS rows,
       max(a.id) AS last
