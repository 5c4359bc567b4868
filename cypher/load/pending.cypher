// Loads that started writing and never finished (nor finished rolling back), with their
// progress and whether their lease has lapsed (a record without a lease counts as lapsed).
MATCH (l:Load)
WHERE l.status IN ['WRITING', 'ROLLING_BACK']
RETURN l.id AS loadId, l.source AS source, l.status AS status,
       coalesce(l.rowsWritten, 0) AS rowsWritten, coalesce(l.rowsTotal, 0) AS rowsTotal,
       toString(l.loadedAt) AS startedAt,
       coalesce(l.leaseUntil < datetime.realtime(), true) AS lapsed
ORDER BY l.loadedAt, l.id
