// The most territories directly below any one territory.
MATCH (t:Territory)
RETURN max(COUNT { (t)<-[:PART_OF]-() }) AS children
