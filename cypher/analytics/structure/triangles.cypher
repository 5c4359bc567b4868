// gds.triangleCount: the triangles through every node of graph $graph, and what names each
// node.
CALL gds.triangleCount.stream($graph, $config) YIELD nodeId, triangleCount
WITH gds.util.asNode(nodeId) AS n, triangleCount
RETURN n.id AS id, n.name AS name,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind,
       triangleCount AS triangles
