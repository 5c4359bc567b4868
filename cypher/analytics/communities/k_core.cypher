// gds.kcore core value of every node of graph $graph with configuration $config (the largest
// k such that the node is in the k-core), its GDS node id and what names it.
CALL gds.kcore.stream($graph, $config) YIELD nodeId, coreValue
WITH nodeId, gds.util.asNode(nodeId) AS n, coreValue
RETURN nodeId, n.id AS id, n.name AS name,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind,
       coreValue AS community
