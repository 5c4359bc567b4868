// Project one projection in one scope into the GDS catalogue as graph $graph (Cypher
// aggregation). The `nodes` and `edges` blocks are stand-ins that let this file plan on its
// own: the analytics code puts the projection's statements there (network/nodes and the
// projection's edge statement). Each linked pair becomes one relationship (per ordered pair
// when $directed, else both ways), weight = the sum of the pair's edge weights; self-loops
// are left out; a node row (target null) keeps isolated nodes in the graph.
CALL () {
  CALL () {
    // nodes: begin
    UNWIND [] AS id
    RETURN id
    // nodes: end
  }
  RETURN id AS source, null AS target, 0.0 AS weight
  UNION ALL
  CALL () {
    // edges: begin
    UNWIND [] AS row
    RETURN row.source AS source, row.target AS target, row.weight AS weight
    // edges: end
  }
  WITH source, target, weight
  WHERE source <> target
  RETURN CASE WHEN $directed OR source < target THEN source ELSE target END AS source,
         CASE WHEN $directed OR source < target THEN target ELSE source END AS target,
         weight
}
WITH source, target, sum(weight) AS weight
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
