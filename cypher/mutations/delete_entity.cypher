// Delete the initiative, firm, institution or programme with id $id and every relationship
// it has; how many relationships went with it.
CALL () {
  MATCH (n:Initiative {id: $id}) RETURN n
  UNION
  MATCH (n:Actor {id: $id}) RETURN n
  UNION
  MATCH (n:Program {id: $id}) RETURN n
}
WITH n, COUNT { (n)--() } AS relationships
DETACH DELETE n
RETURN relationships
