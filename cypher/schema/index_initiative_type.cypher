CREATE INDEX initiative_type IF NOT EXISTS FOR (n:Initiative) ON (n.type)
