// The rows GDS projects for one projection in one scope: each linked pair once (per ordered
// pair when $directed, else with source < target), weight = the sum of the pair's edge
// weights; self-loops left out; a node row (target null) keeps isolated nodes. The `nodes`
// and `edges` blocks are stand-ins that let this file plan on its own: the analytics code
// puts the projection's statements there (analytics/node_ids and the projection's edge
// statement without its final ORDER BY).
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
RETURN source, target, weight
