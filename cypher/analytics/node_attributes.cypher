// For each dataset id in $ids: the node's kind (initiative type, FIRM, institution kind or
// PROGRAM), its government level (institutions only; '' for others, since a list of
// columns drops nulls), and the countries and regions it lies
// in, sorted; what mixing groups nodes by.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Initiative {id: id}) RETURN n
  UNION
  MATCH (n:Actor {id: id}) RETURN n
  UNION
  MATCH (n:Program {id: id}) RETURN n
}
CALL (n) {
  OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
  WITH DISTINCT c.code AS code ORDER BY code
  RETURN collect(code) AS countries
}
CALL (n) {
  OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(r:Territory {level: 'REGION'})
  WITH DISTINCT r.code AS code ORDER BY code
  RETURN collect(code) AS regions
}
RETURN id,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind,
       coalesce(CASE WHEN n:Institution THEN n.level END, '') AS level,
       countries, regions
