// The most initiatives and sectors any one actor has: the longest `initiatives` and `sectors`
// lists of a firm or an institution (degrees, read without visiting the relationships of
// dense nodes).
MATCH (a:Actor)
RETURN max(COUNT { (a)-[:PARTICIPATES_IN]->() }) AS initiatives,
       max(COUNT { (a)-[:IN_SECTOR]->() }) AS sectors
