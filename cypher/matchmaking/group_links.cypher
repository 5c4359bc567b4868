// Value-chain links between ISIC groups, as the data show them: a firm of one group supplies
// a firm of another. Counted per ordered pair of groups.
MATCH (a:Firm)-[:SUPPLIES]->(b:Firm)
MATCH (a)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(ga:Sector {level: 'GROUP'})
MATCH (b)-[:IN_SECTOR]->(:Sector)-[:PART_OF*0..]->(gb:Sector {level: 'GROUP'})
WITH ga.code AS supplier, gb.code AS client, count(*) AS links
WHERE supplier <> client
RETURN supplier, client, links
ORDER BY supplier, client
