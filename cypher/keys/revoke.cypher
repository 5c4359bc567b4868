// Revoke a key for good; revoking twice keeps the first time.
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, datetime())
RETURN k.id AS id, toString(k.revokedAt) AS revokedAt
