// Every relationship with its ends (as backup/nodes keys them), type and properties, for
// `articula db dump`.
MATCH (a)-[r]->(b)
RETURN id(a) AS start, type(r) AS type, id(b) AS end, properties(r) AS properties
