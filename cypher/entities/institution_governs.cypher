// The initiatives each institution of $ids governs, with its seats, by initiative id.
UNWIND $ids AS id
MATCH (:Actor {id: id})-[r:GOVERNS]->(i:Initiative)
WITH id, r, i ORDER BY i.id
RETURN id, collect({
  role: r.role, since: r.since, until: r.until, source: r.source, confidence: r.confidence,
  node: i {.id, .name, .type, .status, .startYear, .endYear, .description, .website, .contact,
           labels: labels(i)}
}) AS links
