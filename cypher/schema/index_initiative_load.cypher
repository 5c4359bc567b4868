CREATE INDEX initiative_load IF NOT EXISTS FOR (n:Initiative) ON (n.loadId)
