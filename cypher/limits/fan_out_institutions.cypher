// The most governance seats, programmes and agreements (either way round) any one
// institution has.
MATCH (a:Institution)
RETURN max(COUNT { (a)-[:GOVERNS]->() }) AS governs,
       max(COUNT { (a)-[:RUNS]->() }) AS programs,
       max(COUNT { (a)-[:AGREEMENT_WITH]-() }) AS agreements
