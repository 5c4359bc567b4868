// Delete the one relationship of type $type from the node with id $from to the one with id
// $to; how many were deleted (0 or 1).
CALL () {
  MATCH (n:Initiative {id: $from}) RETURN n
  UNION
  MATCH (n:Actor {id: $from}) RETURN n
  UNION
  MATCH (n:Program {id: $from}) RETURN n
}
MATCH (n)-[r]->(m)
WHERE type(r) = $type AND m.id = $to
DELETE r
RETURN count(*) AS deleted
