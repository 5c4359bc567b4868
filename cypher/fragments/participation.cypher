// One participation `r` of actor `a`, as the participants loader gives it.
{
  role: r.role, since: r.since, until: r.until, source: r.source, confidence: r.confidence,
  node: a {.id, .name, .size, .employees, .foundedYear, .taxId, .kind, .level, labels: labels(a)}
}
