// Lists of initiatives in name order read this index in order and stop after one page.
CREATE INDEX initiative_name IF NOT EXISTS FOR (n:Initiative) ON (n.name)
