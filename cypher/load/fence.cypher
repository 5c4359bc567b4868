// The last statement of each batch of a large load: counts the batch's rows as written
// if the loader still holds the load, 0 otherwise (the batch is then rolled back). Taking
// the record's write lock first orders every batch's commit against a rollback's claim.
MATCH (l:Load {id: $loadId})
SET l._lock = true
REMOVE l._lock
WITH l
WHERE l.leaseHolder = $holder AND l.status = 'WRITING'
SET l.rowsWritten = l.rowsWritten + $rows
RETURN count(l) AS held
