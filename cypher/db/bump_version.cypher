// A new graph version: every write that is not a load (which bumps it itself) calls this.
MERGE (g:GraphVersion {id: 'graph'})
SET g.version = coalesce(g.version, 0) + 1, g.changedAt = datetime()
RETURN g.version AS version
