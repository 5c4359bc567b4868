// Lists of actors in name order read this index in order and stop after one page.
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)
