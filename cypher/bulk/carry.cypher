// After a bulk import: the graph version, API keys and audit entries the database held
// before, as they were; labels come from the nodes bulk/kept_nodes read.
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.properties
RETURN count(n) AS created
