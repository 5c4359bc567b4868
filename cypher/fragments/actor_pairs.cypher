// `actorPairs`: the actor pairs summed over the in-scope initiatives, before pairs that share
// several initiatives are merged (the rows an ACTORS projection aggregates).
CALL (initiatives) {
  UNWIND initiatives AS i
  OPTIONAL MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
  WHERE
// include: taking_part
  WITH i, count(DISTINCT a) AS m
  RETURN sum(m * (m - 1) / 2) AS actorPairs
}
