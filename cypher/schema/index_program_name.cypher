// Lists of programs in name order read this index in order and stop after one page.
CREATE INDEX program_name IF NOT EXISTS FOR (n:Program) ON (n.name)
