CREATE INDEX load_journal IF NOT EXISTS FOR (n:LoadJournal) ON (n.loadId)
