// How many (weakly) connected components graph $graph has: what a partition is compared with
// to tell whether it found anything inside them.
CALL gds.wcc.stats($graph, {concurrency: 1}) YIELD componentCount
RETURN componentCount
