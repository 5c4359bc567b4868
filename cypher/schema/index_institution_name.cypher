// Lists of institutions in name order read this index in order and stop after one page.
CREATE INDEX institution_name IF NOT EXISTS FOR (n:Institution) ON (n.name)
