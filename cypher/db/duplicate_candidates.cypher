// Firms, institutions and initiatives located in countries $countries, and institutions
// located nowhere, with their names, tax ids and first-level subdivisions: what a dataset's
// new ones are compared with (loaders/duplicates.py). Firms and initiatives always have a
// territory; a node in two of the countries comes once per country.
CALL () {
  UNWIND $countries AS code
  MATCH (:Territory {code: code, level: 'COUNTRY'})<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(n)
  WHERE n:Firm OR n:Institution OR n:Initiative
  RETURN DISTINCT n, code AS country
  UNION
  MATCH (n:Institution)
  WHERE NOT EXISTS { (n)-[:LOCATED_IN]->() }
  RETURN n, null AS country
}
OPTIONAL CALL (n) {
  MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(r:Territory {level: 'REGION'})
  RETURN r.code AS region
  LIMIT 1
}
RETURN n.id AS id,
       CASE WHEN n:Firm THEN 'Firm' WHEN n:Institution THEN 'Institution' ELSE 'Initiative' END
         AS kind,
       n.name AS name, n.taxId AS taxId, country, region
