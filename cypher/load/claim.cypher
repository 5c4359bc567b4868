// Lock an unfinished load for rollback; waits while its loader still holds the lock.
MATCH (k:LoadLock {loadId: $loadId})
SET k.lockedAt = datetime()
WITH k
MATCH (l:Load {id: $loadId})
WHERE l.status IN ['WRITING', 'ROLLING_BACK']
SET l.status = 'ROLLING_BACK'
RETURN count(l) AS claimed
