// The participants of each initiative of $ids, with the participation's properties, by actor id.
UNWIND $ids AS id
MATCH (:Initiative {id: id})<-[r:PARTICIPATES_IN]-(a:Actor)
WITH id, r, a ORDER BY a.id
RETURN id, collect({
  role: r.role, since: r.since, until: r.until, source: r.source, confidence: r.confidence,
  node: a {.id, .name, .size, .employees, .foundedYear, .kind, .level, labels: labels(a)}
}) AS links
