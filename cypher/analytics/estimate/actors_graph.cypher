// include: scope
// Memory the ACTORS graph of the scope would take in GDS (analytics/project_actors), from the
// in-scope actors and `actorPairs`, the actor pairs summed over the in-scope initiatives (at
// least the graph's pairs: a pair that shares several initiatives counts once for each).
CALL (initiatives) {
  UNWIND initiatives AS i
  OPTIONAL MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
  WHERE
// include: taking_part
  WITH i, count(DISTINCT a) AS m
  RETURN sum(m * (m - 1) / 2) AS actorPairs
}
CALL gds.graph.project.estimate('*', {SHARES_INITIATIVES: {type: '*', orientation: 'UNDIRECTED',
                                                           properties: 'weight'}},
                                {nodeCount: size(actors), relationshipCount: actorPairs})
YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory, actorPairs AS pairs
