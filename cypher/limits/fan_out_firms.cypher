// The most suppliers and clients any one firm has.
MATCH (f:Firm)
RETURN max(COUNT { (f)<-[:SUPPLIES]-() }) AS suppliers,
       max(COUNT { (f)-[:SUPPLIES]->() }) AS clients
