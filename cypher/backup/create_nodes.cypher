// Restore a batch of nodes; labels were checked against the model before they get here.
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.properties
RETURN row.key AS key, elementId(n) AS id
