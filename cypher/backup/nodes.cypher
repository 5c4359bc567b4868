// Every node with its labels and properties, for `articula db dump`. The key is the node's
// number in the store (id(): a number rather than elementId's text, so that a restore keeps
// 8 bytes per node to check the relationships' ends; unique while the dump's transaction lasts).
MATCH (n)
RETURN id(n) AS key, labels(n) AS labels, properties(n) AS properties
