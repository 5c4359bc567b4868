// Remove up to $limit of a finished or rolled-back load's journal and undo records.
CALL () {
  MATCH (x:LoadJournal {loadId: $loadId}) RETURN x
  UNION
  MATCH (x:LoadUndo {undoLoad: $loadId}) RETURN x
}
WITH x LIMIT $limit
DELETE x
RETURN count(*) AS deleted
