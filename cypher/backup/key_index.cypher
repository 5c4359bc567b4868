// The index through which a restore finds a relationship's ends by their dump key.
CREATE INDEX restore_key IF NOT EXISTS FOR (n:Restoring) ON (n.restoreKey)
