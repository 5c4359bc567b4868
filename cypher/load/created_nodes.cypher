// The element ids of the nodes a rolled-back load created, read as a stream while
// load/undo_created_links deletes their relationships. Once the before-images are restored,
// whatever still carries the load's id is what it created.
CALL () {
  MATCH (n:Initiative {loadId: $loadId}) RETURN n
  UNION ALL
  MATCH (n:Actor {loadId: $loadId}) RETURN n
  UNION ALL
  MATCH (n:Program {loadId: $loadId}) RETURN n
  UNION ALL
  MATCH (n:Territory {loadId: $loadId}) RETURN n
  UNION ALL
  MATCH (n:Sector {loadId: $loadId}) RETURN n
}
RETURN elementId(n) AS id
