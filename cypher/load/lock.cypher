// Take the write lock on a load's lock node; held until the transaction ends.
MATCH (k:LoadLock {loadId: $loadId})
SET k.lockedAt = datetime()
RETURN count(k) AS locked
