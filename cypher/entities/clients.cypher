// The firms each firm of $ids supplies, with the supply link, by client id.
UNWIND $ids AS id
MATCH (:Actor {id: id})-[r:SUPPLIES]->(f:Firm)
WITH id, r, f ORDER BY f.id
RETURN id, collect({
  weight: r.weight, since: r.since, until: r.until, source: r.source, confidence: r.confidence,
  node: f {.id, .name, .size, .employees, .foundedYear, labels: labels(f)}
}) AS links
