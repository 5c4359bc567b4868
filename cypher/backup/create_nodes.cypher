// Restore a batch of nodes; labels were checked against the model before they get here.
// Each keeps its dump key under the label Restoring until backup/unmark, so that
// backup/create_relationships finds the ends through the index of backup/key_index.
UNWIND $rows AS row
CREATE (n:$(row.labels):Restoring {restoreKey: row.key})
SET n += row.properties
RETURN count(n) AS created
