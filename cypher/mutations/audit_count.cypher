// How many audit entries the filters of audit_trail let through.
MATCH (a:AuditEntry)
WHERE ($target IS NULL OR $target IN a.targets)
  AND ($keyId IS NULL OR a.keyId = $keyId)
RETURN count(a) AS count
