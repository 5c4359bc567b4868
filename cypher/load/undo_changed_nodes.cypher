// Restore up to $limit nodes a rolled-back load changed to their before-images.
MATCH (u:LoadUndo {undoLoad: $loadId, undoRelationship: false})
WITH u LIMIT $limit
MATCH (n)
WHERE elementId(n) = u.undoTarget
SET n = properties(u)
REMOVE n.undoLoad, n.undoTarget, n.undoRelationship
DELETE u
RETURN count(*) AS restored
