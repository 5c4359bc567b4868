MATCH (root:Territory) WHERE root.code IN $scope.territories
MATCH (t:Territory)-[:PART_OF*0..]->(root)
WITH collect(DISTINCT t) AS places
CALL (places) {
  UNWIND places AS t
  MATCH (i:Initiative)-[:LOCATED_IN]->(t)
  RETURN collect(DISTINCT i) AS initiatives
}
CALL (places, initiatives) {
  CALL (places, initiatives) {
    UNWIND places AS t MATCH (a:Actor)-[:LOCATED_IN]->(t) RETURN a
    UNION
    UNWIND initiatives AS i MATCH (a:Actor)-[:PARTICIPATES_IN|GOVERNS]->(i) RETURN a
  }
  RETURN collect(a) AS actors
}
CALL (actors, initiatives) {
  CALL (actors, initiatives) {
    UNWIND initiatives AS i MATCH (p:Program)-[:SUPPORTS]->(i) RETURN p
    UNION
    UNWIND actors AS a MATCH (a:Institution)-[:RUNS]->(p:Program) RETURN p
  }
  RETURN collect(p) AS programs
}
WITH initiatives + actors + programs AS nodes
CALL (nodes) {
  UNWIND nodes AS n
  MATCH (n)-[r:PARTICIPATES_IN|GOVERNS|RUNS|SUPPORTS|SUPPLIES|COLLABORATES_WITH|AGREEMENT_WITH]->(m)
  WHERE m IN nodes
  RETURN collect({source: n.id, target: m.id, type: type(r)}) AS edges
}
RETURN {
  nodes: [n IN nodes | {id: n.id, kind: head([l IN labels(n) WHERE l <> 'Actor']), name: n.name}],
  edges: edges
} AS network
