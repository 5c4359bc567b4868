// Remove up to $limit of a finished or rolled-back load's journal entries; each holds the
// element ids of up to a batch's relationships, so $limit is small.
MATCH (j:LoadJournal {loadId: $loadId})
WITH j LIMIT $limit
DELETE j
RETURN count(*) AS deleted
