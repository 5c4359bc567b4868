// The institution running each programme of $ids.
UNWIND $ids AS id
MATCH (:Program {id: id})<-[:RUNS]-(a:Institution)
WITH id, a ORDER BY a.id
RETURN id, collect(a {.id, .name, .kind, .level, labels: labels(a)}) AS nodes
