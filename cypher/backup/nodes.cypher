// Every node with its labels and properties, for `articula db dump`.
MATCH (n)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS properties
