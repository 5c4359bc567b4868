// For each dataset id in $ids: the values of the node properties $properties, in that order
// (null where the node has none): scores and communities `persist` wrote. The export checks
// $properties against the names `persist` writes before it asks.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Initiative {id: id}) RETURN n
  UNION
  MATCH (n:Actor {id: id}) RETURN n
  UNION
  MATCH (n:Program {id: id}) RETURN n
}
RETURN id, [p IN $properties | n[p]] AS values
