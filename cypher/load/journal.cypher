// The journal of one batch of a large load: the relationships it MERGEd into being and,
// for what it changed, the before-image, so that an interrupted load can be rolled back
// (see load/undo_*). What it CREATEd carries the load's id and needs no entry.
CREATE (j:LoadJournal {loadId: $loadId, seq: $seq, created: $created})
WITH j
UNWIND $updated AS change
CREATE (u:LoadUndo)
SET u += change.before,
    u.undoLoad = $loadId, u.undoTarget = change.target, u.undoRelationship = $relationships
