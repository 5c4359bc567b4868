// The programmes supporting each initiative of $ids, with the support, by programme id.
UNWIND $ids AS id
MATCH (:Initiative {id: id})<-[r:SUPPORTS]-(p:Program)
WITH id, r, p ORDER BY p.id
RETURN id, collect({
  amount: r.amount, currency: r.currency, since: r.since, until: r.until, source: r.source,
  confidence: r.confidence,
  node: p {.id, .name, .instrument, .startYear, .endYear, .budget, .currency, labels: labels(p)}
}) AS links
