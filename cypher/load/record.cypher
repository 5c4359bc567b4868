// The record of a load that changed something, and a new graph version.
CREATE (l:Load {id: $stamp.loadId, source: $stamp.loadSource, loadedAt: $stamp.loadedAt,
                created: $created, updated: $updated, summary: $summary})
MERGE (g:GraphVersion {id: 'graph'})
SET g.version = coalesce(g.version, 0) + 1, g.changedAt = $stamp.loadedAt
RETURN g.version AS version
