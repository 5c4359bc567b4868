// VERTICAL: the levels of government on each in-scope initiative's governance body, and the
// levels that govern other initiatives of the same countries (all data, not only the scope).
// How many initiatives each level governs in each country is counted once; a level governs
// another initiative of i's country when it governs more there than i alone.
// include: scope
CALL () {
  MATCH (g:Institution {kind: 'GOVERNMENT'})-[r:GOVERNS]->(other:Initiative)
  WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
  MATCH (other)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
  WITH c.code AS country, g.level AS level, count(DISTINCT other) AS governed
  RETURN collect({country: country, level: level, governed: governed}) AS governedByCountry
}
UNWIND initiatives AS i
OPTIONAL MATCH (i)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
WITH i, governedByCountry, collect(DISTINCT c.code) AS countries
OPTIONAL MATCH (g:Institution {kind: 'GOVERNMENT'})-[r:GOVERNS]->(i)
WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
WITH i, governedByCountry, countries, collect(DISTINCT g.level) AS levels,
     collect(DISTINCT g {.id, .name}) AS governments
CALL (countries, levels, governedByCountry) {
  UNWIND governedByCountry AS x
  WITH x
  WHERE x.country IN countries AND x.governed > CASE WHEN x.level IN levels THEN 1 ELSE 0 END
  RETURN collect(DISTINCT x.level) AS countryLevels
}
WITH i, countries, levels, governments, countryLevels,
     [l IN countryLevels WHERE NOT l IN levels] AS missing
WHERE size(levels) <= 1 OR size(missing) > 0
RETURN i.id AS id, i.name AS name, countries, levels, governments, countryLevels, missing
ORDER BY id
