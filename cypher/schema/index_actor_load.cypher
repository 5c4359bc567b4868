CREATE INDEX actor_load IF NOT EXISTS FOR (n:Actor) ON (n.loadId)
