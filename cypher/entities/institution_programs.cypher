// The programmes each institution of $ids runs, by programme id.
UNWIND $ids AS id
MATCH (:Actor {id: id})-[:RUNS]->(p:Program)
WITH id, p ORDER BY p.id
RETURN id, collect(p {.id, .name, .instrument, .startYear, .endYear, .budget, .currency,
                      labels: labels(p)}) AS nodes
