CREATE INDEX institution_level IF NOT EXISTS FOR (n:Institution) ON (n.level)
