// Initiatives by dataset id, each with its participants as entities/participants gives them:
// one statement for the commonest detail view, where nodes_by_id and then participants
// would take two.
UNWIND $ids AS id
MATCH (n:Initiative {id: id})
RETURN n {
  .id, .name, .type, .status, .startYear, .endYear, .description, .website, .contact,
  labels: labels(n)
} AS node, COLLECT {
  MATCH (n)<-[r:PARTICIPATES_IN]-(a:Actor)
  WITH r, a ORDER BY a.id
  RETURN
// include: participation
} AS links
