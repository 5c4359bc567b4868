// Lists of firms in name order read this index in order and stop after one page.
CREATE INDEX firm_name IF NOT EXISTS FOR (n:Firm) ON (n.name)
