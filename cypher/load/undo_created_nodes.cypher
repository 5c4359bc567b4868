// Delete up to $limit nodes a rolled-back load created: once the before-images of what it
// changed are restored, whatever still carries its loadId is what it created. Their
// relationships are gone by then (load/undo_created_links), so a batch holds nodes only.
CALL () {
  MATCH (n:Initiative {loadId: $loadId}) RETURN n
  UNION
  MATCH (n:Actor {loadId: $loadId}) RETURN n
  UNION
  MATCH (n:Program {loadId: $loadId}) RETURN n
  UNION
  MATCH (n:Territory {loadId: $loadId}) RETURN n
  UNION
  MATCH (n:Sector {loadId: $loadId}) RETURN n
}
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
