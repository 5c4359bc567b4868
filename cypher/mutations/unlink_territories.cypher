// An update that names an entity's territories replaces them: remove its other ones.
CALL () {
  MATCH (n:Initiative {id: $id}) RETURN n
  UNION
  MATCH (n:Actor {id: $id}) RETURN n
}
MATCH (n)-[r:LOCATED_IN]->(t:Territory)
WHERE NOT t.code IN $keep
DELETE r
RETURN count(*) AS removed
