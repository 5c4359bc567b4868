// Initiatives, actors and programmes by dataset id, each found through its id constraint.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Initiative {id: id}) RETURN n
  UNION
  MATCH (n:Actor {id: id}) RETURN n
  UNION
  MATCH (n:Program {id: id}) RETURN n
}
RETURN n {
  .id, .name, .type, .status, .startYear, .endYear, .description, .website, .contact,
  .size, .employees, .foundedYear, .taxId, .kind, .level, .instrument, .budget, .currency,
  labels: labels(n)
} AS node
