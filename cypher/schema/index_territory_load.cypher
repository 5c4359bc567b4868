CREATE INDEX territory_load IF NOT EXISTS FOR (n:Territory) ON (n.loadId)
