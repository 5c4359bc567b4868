// Value-chain links between ISIC divisions, as the data show them: a firm of one division
// supplies a firm of another. Counted per ordered pair of divisions.
MATCH (a:Firm)-[:SUPPLIES]->(b:Firm)
MATCH (a)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(da:Sector {level: 'DIVISION'})
MATCH (b)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(db:Sector {level: 'DIVISION'})
WITH da.code AS supplier, db.code AS client, count(*) AS links
WHERE supplier <> client
RETURN supplier, client, links
ORDER BY supplier, client
