// What decides whether GDS may project an unscoped graph natively: the labels, relationship
// types and property keys the store knows (a native projection of one it does not know
// fails), and how many programmes no scope holds (neither SUPPORTS an initiative nor is
// RUN by an institution), which FULL's statement leaves out and a native projection would not.
// OPTIONAL keeps the one row when the store knows no label, type or key yet.
OPTIONAL CALL db.labels() YIELD label
WITH collect(label) AS labels
OPTIONAL CALL db.relationshipTypes() YIELD relationshipType
WITH labels, collect(relationshipType) AS types
OPTIONAL CALL db.propertyKeys() YIELD propertyKey
WITH labels, types, collect(propertyKey) AS keys
OPTIONAL MATCH (p:Program)
WHERE NOT EXISTS { (p)-[:SUPPORTS]->(:Initiative) } AND NOT EXISTS { (:Institution)-[:RUNS]->(p) }
RETURN labels, types, keys, count(p) AS unlinkedPrograms
