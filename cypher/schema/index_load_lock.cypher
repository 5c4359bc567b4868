CREATE INDEX load_lock IF NOT EXISTS FOR (n:LoadLock) ON (n.loadId)
