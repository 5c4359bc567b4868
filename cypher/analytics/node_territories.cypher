// For each dataset id in $ids, every territory of level $level it lies in (through
// LOCATED_IN and PART_OF, however deep): one row per node and territory; nodes without one
// give no row.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Initiative {id: id}) RETURN n
  UNION
  MATCH (n:Actor {id: id}) RETURN n
  UNION
  MATCH (n:Program {id: id}) RETURN n
}
MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(t:Territory {level: $level})
WITH DISTINCT id, t
RETURN id, t.code AS code, t.name AS name
ORDER BY id, code
