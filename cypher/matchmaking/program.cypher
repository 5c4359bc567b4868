// A programme: the territory of the institution that runs it (null without one) and the
// initiatives it supports.
MATCH (p:Program {id: $id})
OPTIONAL MATCH (n:Institution)-[:RUNS]->(p)
OPTIONAL MATCH (n)-[:LOCATED_IN]->(t:Territory)
OPTIONAL MATCH (p)-[:SUPPORTS]->(i:Initiative)
RETURN head(collect(DISTINCT t.code)) AS territory, collect(DISTINCT i.id) AS supported
