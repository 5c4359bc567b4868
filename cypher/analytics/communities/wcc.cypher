// gds.wcc community of every node of graph $graph with configuration $config, and
// what names each node.
CALL gds.wcc.stream($graph, $config) YIELD nodeId, componentId AS communityId
WITH gds.util.asNode(nodeId) AS n, communityId
RETURN n.id AS id, n.name AS name,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind,
       communityId AS community
