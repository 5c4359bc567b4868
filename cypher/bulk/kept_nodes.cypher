// Every node of a database that holds no dataset (bulk/held found none), which a bulk load
// carries into the store it imports: reference data, graph version, API keys, audit trail.
MATCH (n)
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS properties
