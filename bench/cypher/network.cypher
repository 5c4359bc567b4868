// Floor for "a scoped network" (FULL projection, territorial scope), and the statement of
// the peer's `network` @cypher field: the in-scope initiatives (located in the subtree of
// a scope territory), actors (located there, or taking part in or governing one of those
// initiatives) and programmes (supporting one of those initiatives, or run by one of
// those actors); every relationship between two of them; what Articula's network shows of
// each node (entity, kind, countries) and edge (type, weight). One row, one map.
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
  RETURN collect({source: n.id, target: m.id, type: type(r),
                  weight: toFloat(CASE type(r) WHEN 'SUPPLIES' THEN coalesce(r.weight, 1.0)
                                  ELSE 1.0 END)}) AS edges
}
CALL (nodes) {
  UNWIND nodes AS n
  OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
  WITH n, c ORDER BY c.code
  WITH n, collect(DISTINCT c.code) AS countries,
       [l IN labels(n) WHERE l IN ['Initiative', 'Firm', 'Institution', 'Program']][0] AS entity
  RETURN collect({
    id: n.id, name: n.name, entity: entity,
    kind: CASE entity WHEN 'Initiative' THEN n.type WHEN 'Firm' THEN 'FIRM'
                      WHEN 'Institution' THEN n.kind ELSE 'PROGRAM' END,
    country: CASE WHEN countries = [] THEN null
                  ELSE reduce(joined = head(countries), c IN tail(countries) | joined + ';' + c) END
  }) AS nodeMaps
}
RETURN {nodes: nodeMaps, edges: edges} AS network
