// The initiatives each initiative of $ids collaborates with, either way round, by partner id.
UNWIND $ids AS id
MATCH (:Initiative {id: id})-[r:COLLABORATES_WITH]-(i:Initiative)
WITH id, r, i ORDER BY i.id
RETURN id, collect({
  kind: r.kind, since: r.since, until: r.until, source: r.source, confidence: r.confidence,
  node: i {.id, .name, .type, .status, .startYear, .endYear, .description, .website, .contact,
           labels: labels(i)}
}) AS links
