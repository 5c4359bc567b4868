// The key an `Authorization: Bearer` header names, revoked or not.
MATCH (k:ApiKey {id: $id})
RETURN k.role AS role, k.hash AS hash, k.revokedAt IS NOT NULL AS revoked
