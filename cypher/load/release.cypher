// End a load: delete its lock node (from the transaction that holds the lock) and, when
// it was rolled back or changed nothing, its record; a rollback also bumps the version.
MATCH (k:LoadLock {loadId: $loadId})
DELETE k
WITH count(*) AS released
OPTIONAL MATCH (l:Load {id: $loadId})
WHERE l.status <> 'COMMITTED'
DELETE l
WITH released, count(l) AS dropped
CALL (dropped) {
  WITH dropped WHERE dropped > 0 AND $bump
  MERGE (g:GraphVersion {id: 'graph'})
  SET g.version = coalesce(g.version, 0) + 1, g.changedAt = datetime()
}
RETURN released
