// A batch of the dataset's `agreements` table, (:Institution)-[:AGREEMENT_WITH]->(:Institution):
// the ties of the next $batch institutions that have any, in id order after $after (start
// with ""), read from the id index; `last` is where the next batch begins.
MATCH (a:Actor)
USING INDEX a:Actor(id)
WHERE a.id > $after AND a:Institution AND EXISTS { (a)-[:AGREEMENT_WITH]->(:Actor:Institution) }
WITH a ORDER BY a.id LIMIT $batch
MATCH (a)-[r:AGREEMENT_WITH]->(b:Actor:Institution)
WITH a, r, b ORDER BY a.id, b.id
RETURN collect({institution_id: a.id, partner_institution_id: b.id, props: properties(r)})
         AS rows,
       max(a.id) AS last
