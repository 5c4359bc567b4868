// The journal of one batch of a large load: what it created and, for what it changed,
// the before-image, so that an interrupted load can be rolled back (see load/undo_*).
CREATE (j:LoadJournal {loadId: $loadId, seq: $seq, created: $created,
                       relationships: $relationships})
WITH j
UNWIND $updated AS change
CREATE (u:LoadUndo)
SET u += change.before,
    u.undoLoad = $loadId, u.undoTarget = change.target, u.undoRelationship = $relationships
