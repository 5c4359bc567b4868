CREATE INDEX initiative_status IF NOT EXISTS FOR (n:Initiative) ON (n.status)
