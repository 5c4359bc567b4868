// What the largest fan-outs are kept for: the graph version and the number of relationships,
// read from the count store (so that writes that do not bump the version, such as a load's
// batches, are seen too).
OPTIONAL MATCH (g:GraphVersion {id: 'graph'})
CALL () {
  MATCH ()-[r]->()
  RETURN count(r) AS relationships
}
RETURN coalesce(g.version, 0) AS version, toString(g.changedAt) AS changedAt, relationships
