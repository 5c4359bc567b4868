// Commit a large load: its WRITING record becomes COMMITTED, with a new graph version,
// only if its loader still holds it (no rollback has claimed it meanwhile); its fences go.
// Setting `_lock` takes the record's write lock before it is read.
MATCH (l:Load {id: $load.id})
SET l._lock = true
REMOVE l._lock
WITH l
WHERE l.status = 'WRITING' AND l.leaseHolder = $holder
SET l.status = 'COMMITTED', l.created = $created, l.updated = $updated,
    l.summary = $summary
REMOVE l.leaseHolder, l.leaseUntil
WITH l
CALL (l) {
  MATCH (f:LoadFence {loadId: l.id})
  DELETE f
}
MERGE (g:GraphVersion {id: 'graph'})
SET g.version = coalesce(g.version, 0) + 1, g.changedAt = $load.loadedAt
RETURN g.version AS version
