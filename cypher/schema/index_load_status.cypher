CREATE INDEX load_status IF NOT EXISTS FOR (n:Load) ON (n.status)
