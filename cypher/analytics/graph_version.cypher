// The graph version analytics results are keyed by: the counter every write bumps, and when
// it last changed (so that a database emptied and reloaded never reuses an old version).
OPTIONAL MATCH (g:GraphVersion {id: 'graph'})
RETURN coalesce(g.version, 0) AS version, toString(g.changedAt) AS changedAt
