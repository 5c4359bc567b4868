// gds.kcore core value of every node of graph $graph with configuration $config (the largest
// k such that the node is in the k-core), and what names each node.
CALL gds.kcore.stream($graph, $config) YIELD nodeId, coreValue
WITH gds.util.asNode(nodeId) AS n, coreValue
RETURN n.id AS id, n.name AS name,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind,
       coreValue AS community
