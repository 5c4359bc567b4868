// gds.louvain community of every node of graph $graph with configuration $config, with
// its GDS node id and what names it.
CALL gds.louvain.stream($graph, $config) YIELD nodeId, communityId
WITH nodeId, gds.util.asNode(nodeId) AS n, communityId
RETURN nodeId, n.id AS id, n.name AS name,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind,
       communityId AS community
