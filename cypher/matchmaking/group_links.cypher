// Value-chain links between ISIC groups, as the data show them: a firm of one group supplies
// a firm of another. Counted per ordered pair of groups.
MATCH (a:Firm)-[:SUPPLIES]->(b:Firm)
MATCH (a)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(ga:Sector {level: 'GROUP', classification: 'ISIC Rev.4'})
MATCH (b)-[:IN_SECTOR]->(:Sector)-[:PART_OF|CORRESPONDS_TO*0..]->(gb:Sector {level: 'GROUP', classification: 'ISIC Rev.4'})
WITH ga.code AS supplier, gb.code AS client, count(*) AS links
WHERE supplier <> client
RETURN supplier, client, links
ORDER BY supplier, client
