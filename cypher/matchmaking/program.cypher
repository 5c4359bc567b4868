// A programme's running institution's countries and the initiatives it supports.
MATCH (p:Program {id: $id})
OPTIONAL MATCH (n:Institution)-[:RUNS]->(p)
OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
OPTIONAL MATCH (p)-[:SUPPORTS]->(i:Initiative)
RETURN collect(DISTINCT c.code) AS countries, collect(DISTINCT i.id) AS supported
