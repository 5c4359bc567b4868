// Merge actor $remove into actor $keep (same kind, checked before): each relationship of
// $remove to a node other than $keep moves to $keep with its properties, unless $keep has
// one of that type with that node already (then $keep's stays), and $remove's territory only
// when $keep has none; $keep's properties stay and take the ones it lacks from $remove;
// $remove goes. What moved and what went with it.
MATCH (keep:Actor {id: $keep})
USING INDEX keep:Actor(id)
MATCH (remove:Actor {id: $remove})
USING INDEX remove:Actor(id)
CALL (keep, remove) {
  MATCH (remove)-[r]->(other)
  WHERE other <> keep
    AND NOT (type(r) = 'LOCATED_IN' AND EXISTS { (keep)-[:LOCATED_IN]->() })
    AND NOT EXISTS { MATCH (keep)-[s]->(other) WHERE type(s) = type(r) }
  CREATE (keep)-[moved:$(type(r))]->(other)
  SET moved = properties(r)
  RETURN count(moved) AS outgoing
}
CALL (keep, remove) {
  MATCH (other)-[r]->(remove)
  WHERE other <> keep
    AND NOT EXISTS { MATCH (other)-[s]->(keep) WHERE type(s) = type(r) }
  CREATE (other)-[moved:$(type(r))]->(keep)
  SET moved = properties(r)
  RETURN count(moved) AS incoming
}
WITH keep, remove, outgoing, incoming, COUNT { (remove)--() } AS relationships,
     properties(keep) AS kept
SET keep += remove {.*, id: keep.id}, keep += kept
DETACH DELETE remove
RETURN outgoing + incoming AS moved, relationships - outgoing - incoming AS dropped
