// Claim an unfinished load for rollback: its own holder may, anyone else once its lease
// has lapsed (a record without a lease counts as lapsed). Only one claimant wins: the
// record's write lock is taken (setting `_lock`) before the lease is read. Locking the
// fences waits for the batches being committed (load/fence). The claimant holds a lease of
// its own while it rolls back, so that another resumes the rollback should it die.
MATCH (l:Load {id: $loadId})
SET l._lock = true
REMOVE l._lock
WITH l
OPTIONAL MATCH (f:LoadFence {loadId: $loadId})
SET f._lock = true
REMOVE f._lock
WITH l, count(f) AS fences
WHERE l.status IN ['WRITING', 'ROLLING_BACK']
  AND (l.leaseHolder = $holder
       OR coalesce(l.leaseUntil < datetime.realtime(), true))
SET l.status = 'ROLLING_BACK', l.leaseHolder = $holder,
    l.leaseUntil = datetime.realtime() + duration({milliseconds: $leaseMs})
RETURN count(l) AS claimed
