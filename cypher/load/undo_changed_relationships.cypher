// Restore up to $limit relationships a rolled-back load changed to their before-images.
MATCH (u:LoadUndo {undoLoad: $loadId, undoRelationship: true})
WITH u LIMIT $limit
MATCH ()-[r]->()
WHERE elementId(r) = u.undoTarget
SET r = properties(u)
REMOVE r.undoLoad, r.undoTarget, r.undoRelationship
DELETE u
RETURN count(*) AS restored
