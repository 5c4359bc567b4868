// Delete every node, reference data included: restore starts from nothing. Runs after
// backup/empty_relationships, so that each batch of nodes has no relationships left.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
