// Delete up to $limit relationships of the nodes $ids (nodes a rolled-back load created),
// before load/undo_created_nodes deletes the nodes: deleting a node takes all its
// relationships into the node's transaction, thousands for an initiative, so only batches
// of relationships bound a transaction.
UNWIND $ids AS id
MATCH (n)-[r]-()
WHERE elementId(n) = id
WITH DISTINCT r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
