// The most sectors directly below any one sector, and the most ISIC codes any one national
// sector code corresponds to.
MATCH (s:Sector)
RETURN max(COUNT { (s)<-[:PART_OF]-() }) AS children,
       max(COUNT { (s)-[:CORRESPONDS_TO]->() }) AS correspondences
