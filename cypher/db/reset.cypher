// Empty the database of everything but the reference territories and sectors, the API
// keys, the audit trail (a record of who changed what, which a reset must not erase) and
// the graph version (which the caller then bumps so that no cached result outlives the data).
// db/reset_relationships runs first, so that each batch of nodes has no relationships left.
MATCH (n)
WHERE n.reference IS NULL AND NOT n:GraphVersion AND NOT n:ApiKey AND NOT n:AuditEntry
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
