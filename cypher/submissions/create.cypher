// A quarantined submission: one node, no relationship, no `id`, so that no read, analysis,
// projection or export of the graph sees it until it is approved. Its reference is `token`:
// a `reference` property marks reference data, which `db reset` keeps.
CREATE (s:Submission {
  token: $reference, status: 'PENDING', payload: $payload, name: $initiativeName,
  duplicates: $duplicates, addressHash: $addressHash, keyId: $keyId, submittedAt: datetime()
})
RETURN s.token AS reference
