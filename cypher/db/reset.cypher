// Empty the database of everything but the reference territories and sectors, the API
// keys, and the graph version (which the caller then bumps so that no cached result
// outlives the data).
MATCH (n)
WHERE n.reference IS NULL AND NOT n:GraphVersion AND NOT n:ApiKey
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
