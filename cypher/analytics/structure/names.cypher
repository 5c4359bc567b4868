// Name and kind of the nodes with dataset ids $ids.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Initiative {id: id}) RETURN n
  UNION
  MATCH (n:Actor {id: id}) RETURN n
  UNION
  MATCH (n:Program {id: id}) RETURN n
}
RETURN n.id AS id, n.name AS name,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind
