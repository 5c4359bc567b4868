// What the pair projections cost: the actor pairs summed over initiatives (ACTORS) and the
// initiative pairs summed over actors (INITIATIVES), before pairs met twice are merged.
CALL (initiatives, actors) {
  UNWIND initiatives AS i
  OPTIONAL MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
  WHERE a IN actors AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
  WITH i, count(DISTINCT a) AS m
  RETURN sum(m * (m - 1) / 2) AS actorPairs
}
CALL (initiatives, actors) {
  UNWIND actors AS a
  OPTIONAL MATCH (a)-[r:PARTICIPATES_IN|GOVERNS]->(i:Initiative)
  WHERE i IN initiatives AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
  WITH a, count(DISTINCT i) AS k
  RETURN sum(k * (k - 1) / 2) AS initiativePairs
}
RETURN actorPairs, initiativePairs
