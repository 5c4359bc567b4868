// VERTICAL: the levels of government on each in-scope initiative's governance body, and the
// levels that govern other initiatives of the same countries (all data, not only the scope).
// include: scope
UNWIND initiatives AS i
OPTIONAL MATCH (i)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
WITH i, collect(DISTINCT c.code) AS countries
OPTIONAL MATCH (g:Institution {kind: 'GOVERNMENT'})-[r:GOVERNS]->(i)
WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
WITH i, countries, collect(DISTINCT g.level) AS levels, collect(DISTINCT g {.id, .name}) AS governments
CALL (i, countries) {
  OPTIONAL MATCH (g:Institution {kind: 'GOVERNMENT'})-[r:GOVERNS]->(other:Initiative)
  WHERE other <> i
    AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
    AND EXISTS {
      MATCH (other)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
      WHERE c.code IN countries }
  RETURN collect(DISTINCT g.level) AS countryLevels
}
WITH i, countries, levels, governments, countryLevels,
     [l IN countryLevels WHERE NOT l IN levels] AS missing
WHERE size(levels) <= 1 OR size(missing) > 0
RETURN i.id AS id, i.name AS name, countries, levels, governments, countryLevels, missing
ORDER BY id
