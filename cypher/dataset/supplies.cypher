// A batch of the dataset's `supplies` table, (:Firm)-[:SUPPLIES]->(:Firm): the ties of the
// next $batch suppliers, in id order after $after (start with ""), read from the id index;
// `last` is where the next batch begins.
MATCH (a:Actor)
USING INDEX a:Actor(id)
WHERE a.id > $after AND a:Firm AND EXISTS { (a)-[:SUPPLIES]->(:Actor:Firm) }
WITH a ORDER BY a.id LIMIT $batch
MATCH (a)-[r:SUPPLIES]->(b:Actor:Firm)
WITH a, r, b ORDER BY a.id, b.id
RETURN collect({supplier_id: a.id, client_id: b.id, props: properties(r)}) AS rows,
       max(a.id) AS last
