// The initiatives each actor of $ids participates in, with the participation, by initiative id.
UNWIND $ids AS id
MATCH (:Actor {id: id})-[r:PARTICIPATES_IN]->(i:Initiative)
WITH id, r, i ORDER BY i.id
RETURN id, collect({
  role: r.role, since: r.since, until: r.until, source: r.source, confidence: r.confidence,
  node: i {.id, .name, .type, .status, .startYear, .endYear, .description, .website, .contact,
           labels: labels(i)}
}) AS links
