// The last statement of each batch of a large load: counts the batch's rows on its
// writer's fence if the loader still holds the load, 0 otherwise (the batch is then rolled
// back). Setting `_lock` takes the fence's write lock before the record is read: a claim
// (load/claim) locks every fence, so each batch commits either wholly before a claim, and
// is rolled back with the rest, or after it, seeing it and writing nothing.
MATCH (f:LoadFence {loadId: $loadId, slot: $slot})
SET f._lock = true
REMOVE f._lock
WITH f
MATCH (l:Load {id: $loadId})
WHERE l.leaseHolder = $holder AND l.status = 'WRITING'
SET f.rows = f.rows + $rows
RETURN count(l) AS held
