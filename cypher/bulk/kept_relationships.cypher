// Every relationship of a database that holds no dataset (the reference hierarchies), with
// its ends keyed as bulk/kept_nodes keys them, for the store a bulk load imports.
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, type(r) AS type, elementId(b) AS end, properties(r) AS properties
