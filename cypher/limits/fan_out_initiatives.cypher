// The longest relationship lists of any one initiative: participants, governance seats,
// supporting programmes, collaborations (either way round), territories and sectors.
MATCH (i:Initiative)
RETURN max(COUNT { (i)<-[:PARTICIPATES_IN]-() }) AS participants,
       max(COUNT { (i)<-[:GOVERNS]-() }) AS governance,
       max(COUNT { (i)<-[:SUPPORTS]-() }) AS supportedBy,
       max(COUNT { (i)-[:COLLABORATES_WITH]-() }) AS collaborations,
       max(COUNT { (i)-[:LOCATED_IN]->() }) AS territories,
       max(COUNT { (i)-[:IN_SECTOR]->() }) AS sectors
