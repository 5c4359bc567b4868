CREATE INDEX sector_load IF NOT EXISTS FOR (n:Sector) ON (n.loadId)
