// The restore's last step: take the dump keys off the restored nodes, 10,000 per transaction.
MATCH (n:Restoring)
CALL (n) { REMOVE n:Restoring, n.restoreKey } IN TRANSACTIONS OF 10000 ROWS
