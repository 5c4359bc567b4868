// gds.closeness scores of every node of graph $graph with configuration $config, and what
// names each node.
CALL gds.closeness.stream($graph, $config) YIELD nodeId, score
WITH gds.util.asNode(nodeId) AS n, score
RETURN n.id AS id, n.name AS name,
       CASE WHEN n:Initiative THEN n.type WHEN n:Firm THEN 'FIRM'
            WHEN n:Institution THEN n.kind ELSE 'PROGRAM' END AS kind,
       score
