// What a dataset export checks before and after it reads the tables: the graph version, which
// every committed write bumps, and the loads under way, whose batches are visible as written.
OPTIONAL MATCH (g:GraphVersion {id: 'graph'})
RETURN coalesce(g.version, 0) AS version, toString(g.changedAt) AS changedAt,
       COLLECT { MATCH (l:Load) WHERE l.status IN ['WRITING', 'ROLLING_BACK']
                 RETURN l.id ORDER BY l.id } AS loading
