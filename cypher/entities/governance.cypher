// The governing institutions of each initiative of $ids, with their seats, by institution id.
UNWIND $ids AS id
MATCH (:Initiative {id: id})<-[r:GOVERNS]-(a:Institution)
WITH id, r, a ORDER BY a.id
RETURN id, collect({
  role: r.role, since: r.since, until: r.until, source: r.source, confidence: r.confidence,
  node: a {.id, .name, .kind, .level, labels: labels(a)}
}) AS links
