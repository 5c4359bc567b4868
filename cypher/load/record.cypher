// The record of a load written in one transaction that changed something (its nodes and
// relationships carry its id as `loadId`), and a new graph version. A large load commits
// its record through load/commit instead.
MERGE (l:Load {id: $load.id})
ON CREATE SET l.status = 'WRITING'
WITH l
WHERE l.status = 'WRITING'
SET l.status = 'COMMITTED', l.source = $load.source, l.loadedAt = $load.loadedAt,
    l.created = $created, l.updated = $updated, l.summary = $summary
MERGE (g:GraphVersion {id: 'graph'})
SET g.version = coalesce(g.version, 0) + 1, g.changedAt = $load.loadedAt
RETURN g.version AS version
