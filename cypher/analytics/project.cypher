// Project the rows analytics/project_rows read ([source, target, weight] each) into the GDS
// catalogue as graph $graph (Cypher aggregation). Read first and projected apart: the same
// work in one statement spent seconds before the aggregation began, even on a few dozen rows.
UNWIND $rows AS row
WITH row[0] AS source, row[1] AS target, row[2] AS weight
CALL (source) {
  MATCH (n:Initiative {id: source}) RETURN n AS s
  UNION
  MATCH (n:Actor {id: source}) RETURN n AS s
  UNION
  MATCH (n:Program {id: source}) RETURN n AS s
}
OPTIONAL CALL (target) {
  MATCH (n:Initiative {id: target}) RETURN n AS t
  UNION
  MATCH (n:Actor {id: target}) RETURN n AS t
  UNION
  MATCH (n:Program {id: target}) RETURN n AS t
}
WITH s, t, weight
WITH gds.graph.project($graph, s, t, {relationshipProperties: {weight: weight}},
                       {undirectedRelationshipTypes: CASE WHEN $directed THEN [] ELSE ['*'] END}) AS g
RETURN g.graphName AS graph, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount,
       g.projectMillis AS projectMillis
