// A page of audit entries, newest first, after the entry $after (null: from the newest);
// each $parameter that is null restricts nothing.
OPTIONAL MATCH (c:AuditEntry {id: $after})
WITH c
MATCH (a:AuditEntry)
WHERE ($target IS NULL OR $target IN a.targets)
  AND ($keyId IS NULL OR a.keyId = $keyId)
  AND ($after IS NULL OR a.at < c.at OR (a.at = c.at AND a.id < c.id))
WITH a ORDER BY a.at DESC, a.id DESC
LIMIT $limit
RETURN a {.*} AS entry
