// A batch of the dataset's `participations` table, (:Actor)-[:PARTICIPATES_IN]->(:Initiative):
// the ties of the next $batch actors that have any, in id order after $after (start with ""),
// read from the id index; `last` is where the next batch begins.
MATCH (a:Actor)
USING INDEX a:Actor(id)
WHERE a.id > $after AND EXISTS { (a)-[:PARTICIPATES_IN]->(:Initiative) }
WITH a ORDER BY a.id LIMIT $batch
MATCH (a)-[r:PARTICIPATES_IN]->(b:Initiative)
WITH a, r, b ORDER BY a.id, b.id
RETURN collect({actor_id: a.id, initiative_id: b.id, props: properties(r)}) AS rows,
       max(a.id) AS last
