// For each node of a GDS graph ($nodeIds, GDS node ids): its dataset id, what names it, and
// the codes of the territories it is located in and of its sectors, as stored. Which regions
// and divisions those codes lie in is asked once per distinct code
// (analytics/territory_regions, analytics/sector_divisions): what names a community.
UNWIND $nodeIds AS nodeId
WITH nodeId, gds.util.asNode(nodeId) AS n
RETURN nodeId, n.id AS id, n.name AS name,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind,
       [(n)-[:LOCATED_IN]->(t:Territory) | t.code] AS territories,
       [(n)-[:IN_SECTOR]->(s:Sector) | s.code] AS sectors
