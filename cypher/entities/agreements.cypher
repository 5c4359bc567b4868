// The institutions each institution of $ids has an agreement with, either way round, by partner id.
UNWIND $ids AS id
MATCH (:Actor {id: id})-[r:AGREEMENT_WITH]-(a:Institution)
WITH id, r, a ORDER BY a.id
RETURN id, collect({
  kind: r.kind, since: r.since, until: r.until, source: r.source, confidence: r.confidence,
  node: a {.id, .name, .kind, .level, labels: labels(a)}
}) AS links
