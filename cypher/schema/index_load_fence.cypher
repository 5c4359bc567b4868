CREATE INDEX load_fence IF NOT EXISTS FOR (n:LoadFence) ON (n.loadId)
