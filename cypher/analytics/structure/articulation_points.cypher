// gds.articulationPoints: the nodes of graph $graph whose removal disconnects their
// component, and what names each.
CALL gds.articulationPoints.stream($graph, $config) YIELD nodeId
WITH gds.util.asNode(nodeId) AS n
RETURN n.id AS id, n.name AS name,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind
