// End a large load that did not commit: delete its record and fences, from the process
// that holds it (the loader, when its load changed nothing; else the rollback), bumping
// the graph version when `$bump` (after a rollback).
MATCH (l:Load {id: $loadId})
SET l._lock = true
REMOVE l._lock
WITH l
WHERE l.leaseHolder = $holder AND l.status <> 'COMMITTED'
CALL (l) {
  MATCH (f:LoadFence {loadId: l.id})
  DELETE f
}
DELETE l
WITH count(*) AS released
CALL (released) {
  WITH released WHERE released > 0 AND $bump
  MERGE (g:GraphVersion {id: 'graph'})
  SET g.version = coalesce(g.version, 0) + 1, g.changedAt = datetime()
}
RETURN released
