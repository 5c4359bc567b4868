// Write one value per node (a score or a community id) to property $property of the nodes
// with those dataset ids; $property comes from the analytics code, never from user text.
UNWIND $rows AS row
CALL (row) {
  MATCH (n:Initiative {id: row.id}) RETURN n
  UNION
  MATCH (n:Actor {id: row.id}) RETURN n
  UNION
  MATCH (n:Program {id: row.id}) RETURN n
}
SET n[$property] = row.value
RETURN count(n) AS written
