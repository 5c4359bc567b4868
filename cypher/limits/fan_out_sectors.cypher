// The most sectors directly below any one sector.
MATCH (s:Sector)
RETURN max(COUNT { (s)<-[:PART_OF]-() }) AS children
