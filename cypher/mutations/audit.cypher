// One audit entry: who (key id and role, or role `cli` and the operating-system user), when,
// which operation on which ids, and the before and after images as JSON text; `load` names
// the (:Load) record of the change.
CREATE (a:AuditEntry {
  id: randomUUID(), at: datetime(), keyId: $keyId, role: $role, user: $user,
  operation: $operation, targets: $targets, before: $before, after: $after, load: $load,
  graphVersion: $version
})
RETURN a.id AS id
