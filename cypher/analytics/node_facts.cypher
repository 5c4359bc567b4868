// For each node of a GDS graph ($nodeIds, as the algorithm streamed them): its dataset id and
// the codes of the territories it is located in and of its sectors, as stored. Which regions
// and divisions those codes lie in is asked once per distinct code
// (analytics/territory_regions, analytics/sector_divisions): what names a community.
UNWIND $nodeIds AS nodeId
WITH gds.util.asNode(nodeId) AS n
RETURN n.id AS id,
       [(n)-[:LOCATED_IN]->(t:Territory) | t.code] AS territories,
       [(n)-[:IN_SECTOR]->(s:Sector) | s.code] AS sectors
