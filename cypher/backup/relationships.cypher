// Every relationship with its ends, type and properties, for `articula db dump`.
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, type(r) AS type, elementId(b) AS end, properties(r) AS properties
