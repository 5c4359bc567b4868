// Restore a batch of relationships between nodes restored earlier, found by dump key;
// types were checked against the model before they get here.
UNWIND $rows AS row
MATCH (a:Restoring {restoreKey: row.start})
USING INDEX a:Restoring(restoreKey)
MATCH (b:Restoring {restoreKey: row.end})
USING INDEX b:Restoring(restoreKey)
CREATE (a)-[r:$(row.type)]->(b)
SET r += row.properties
RETURN count(r) AS created
