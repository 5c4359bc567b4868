// A load's journal, newest batch first.
MATCH (j:LoadJournal {loadId: $loadId})
RETURN j.seq AS seq, j.created AS created, j.relationships AS relationships
ORDER BY seq DESC
