// The relationship of type $type from the node with id $from to the one with id $to (no
// row when absent); the type comes from the code's link kinds, never from user text.
CALL () {
  MATCH (n:Initiative {id: $from}) RETURN n
  UNION
  MATCH (n:Actor {id: $from}) RETURN n
  UNION
  MATCH (n:Program {id: $from}) RETURN n
}
MATCH (n)-[r]->(m)
WHERE type(r) = $type AND m.id = $to
RETURN properties(r) AS props
