// include: scope
// Memory the ACTORS graph of the scope would take in GDS (analytics/project_actors), from the
// in-scope actors and `actorPairs` (at least the graph's pairs: a pair that shares several
// initiatives counts once for each).
// include: actor_pairs
CALL gds.graph.project.estimate('*', {SHARES_INITIATIVES: {type: '*', orientation: 'UNDIRECTED',
                                                           properties: 'weight'}},
                                {nodeCount: size(actors), relationshipCount: actorPairs})
YIELD bytesMin, bytesMax, requiredMemory
RETURN bytesMin, bytesMax, requiredMemory, actorPairs AS pairs
