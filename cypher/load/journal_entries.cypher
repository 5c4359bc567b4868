// The relationships a load MERGEd into being, batch by batch.
MATCH (j:LoadJournal {loadId: $loadId})
RETURN j.seq AS seq, j.created AS created
