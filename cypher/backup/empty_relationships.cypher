// Delete every relationship, 10,000 per transaction: what a restore does before
// backup/empty deletes the nodes (see db/reset_relationships for why apart).
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
