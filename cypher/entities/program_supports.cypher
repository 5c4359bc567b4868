// The initiatives each programme of $ids supports, with the support, by initiative id.
UNWIND $ids AS id
MATCH (:Program {id: id})-[r:SUPPORTS]->(i:Initiative)
WITH id, r, i ORDER BY i.id
RETURN id, collect({
  amount: r.amount, currency: r.currency, since: r.since, until: r.until, source: r.source,
  confidence: r.confidence,
  node: i {.id, .name, .type, .status, .startYear, .endYear, .description, .website, .contact,
           labels: labels(i)}
}) AS links
