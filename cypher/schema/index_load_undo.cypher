CREATE INDEX load_undo IF NOT EXISTS FOR (n:LoadUndo) ON (n.undoLoad)
