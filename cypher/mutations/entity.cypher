// The initiative, firm, institution or programme with id $id (no row when absent), with
// what the API's inputs set: its properties, territories, sectors and runner.
CALL () {
  MATCH (n:Initiative {id: $id}) RETURN n
  UNION
  MATCH (n:Actor {id: $id}) RETURN n
  UNION
  MATCH (n:Program {id: $id}) RETURN n
}
RETURN labels(n) AS labels, properties(n) AS props,
       [(n)-[:LOCATED_IN]->(t:Territory) | t.code] AS territories,
       [(n)-[:IN_SECTOR]->(s:Sector) | s.code] AS sectors,
       [(i:Institution)-[:RUNS]->(n) | i.id] AS runners,
       COUNT { (n)--() } AS relationships
