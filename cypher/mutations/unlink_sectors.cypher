// An update that names an entity's sectors replaces them: remove its other ones.
CALL () {
  MATCH (n:Initiative {id: $id}) RETURN n
  UNION
  MATCH (n:Actor {id: $id}) RETURN n
}
MATCH (n)-[r:IN_SECTOR]->(s:Sector)
WHERE NOT s.code IN $keep
DELETE r
RETURN count(*) AS removed
