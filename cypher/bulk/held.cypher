// How many nodes a bulk load finds in its way: any that `db reset` would delete (a dataset's
// nodes, load records), i.e. neither reference data, the graph version, API keys nor audit.
MATCH (n)
WHERE n.reference IS NULL AND NOT n:GraphVersion AND NOT n:ApiKey AND NOT n:AuditEntry
RETURN count(n) AS held
