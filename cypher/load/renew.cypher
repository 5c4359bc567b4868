// Extend the lease of an unfinished load its holder still holds; 0 when another process
// has claimed it (or it ended). Setting `_lock` takes the record's write lock before
// it is read.
MATCH (l:Load {id: $loadId})
SET l._lock = true
REMOVE l._lock
WITH l
WHERE l.leaseHolder = $holder AND l.status IN ['WRITING', 'ROLLING_BACK']
SET l.leaseUntil = datetime.realtime() + duration({milliseconds: $leaseMs})
RETURN count(l) AS held
