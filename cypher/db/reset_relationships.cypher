// `db reset`, first half: delete every relationship that has an end db/reset deletes, 10,000
// per transaction. A node's DETACH DELETE takes all its relationships into its transaction
// (thousands for an initiative or a territory), so only batches of relationships bound what
// one transaction holds, whatever the dataset's size.
MATCH (a)-[r]->(b)
WHERE NOT (a.reference IS NOT NULL OR a:GraphVersion OR a:ApiKey OR a:AuditEntry)
   OR NOT (b.reference IS NOT NULL OR b:GraphVersion OR b:ApiKey OR b:AuditEntry)
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
