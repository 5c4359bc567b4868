// Remove up to $limit of a finished or rolled-back load's undo records (one node's or
// relationship's before-image each).
MATCH (x:LoadUndo {undoLoad: $loadId})
WITH x LIMIT $limit
DELETE x
RETURN count(*) AS deleted
