CREATE INDEX program_load IF NOT EXISTS FOR (n:Program) ON (n.loadId)
