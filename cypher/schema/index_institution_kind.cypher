CREATE INDEX institution_kind IF NOT EXISTS FOR (n:Institution) ON (n.kind)
