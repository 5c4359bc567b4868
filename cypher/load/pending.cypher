// Loads that started writing and never finished (nor finished rolling back), with their
// progress (the rows their batches committed, counted on their fences) and whether their
// lease has lapsed (a record without a lease counts as lapsed).
MATCH (l:Load)
WHERE l.status IN ['WRITING', 'ROLLING_BACK']
OPTIONAL MATCH (f:LoadFence {loadId: l.id})
WITH l, sum(f.rows) AS written
RETURN l.id AS loadId, l.source AS source, l.status AS status,
       written AS rowsWritten, coalesce(l.rowsTotal, 0) AS rowsTotal,
       toString(l.loadedAt) AS startedAt,
       coalesce(l.leaseUntil < datetime.realtime(), true) AS lapsed
ORDER BY l.loadedAt, l.id
