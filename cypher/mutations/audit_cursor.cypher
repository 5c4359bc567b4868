// Whether $id is an audit entry, to tell a stale or foreign cursor from the end of the trail.
OPTIONAL MATCH (a:AuditEntry {id: $id})
RETURN a IS NOT NULL AS found
