CREATE INDEX sector_level IF NOT EXISTS FOR (n:Sector) ON (n.level)
