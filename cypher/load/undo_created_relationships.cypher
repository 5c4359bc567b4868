// Delete the relationships a rolled-back load MERGEd into being between nodes it did not
// create (their element ids are in its journal), 10,000 per transaction.
MATCH (j:LoadJournal {loadId: $loadId})
UNWIND j.created AS id
MATCH ()-[r]->()
WHERE elementId(r) = id
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
