// Firms, institutions and initiatives located in countries $countries, or in none, with their
// names, tax ids and first-level subdivisions: what a dataset's new ones are compared with
// (loaders/duplicates.py).
MATCH (n)
WHERE n:Firm OR n:Institution OR n:Initiative
OPTIONAL CALL (n) {
  MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
  RETURN c.code AS country
  LIMIT 1
}
WITH n, country
WHERE country IS NULL OR country IN $countries
OPTIONAL CALL (n) {
  MATCH (n)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(r:Territory {level: 'REGION'})
  RETURN r.code AS region
  LIMIT 1
}
RETURN n.id AS id,
       CASE WHEN n:Firm THEN 'Firm' WHEN n:Institution THEN 'Institution' ELSE 'Initiative' END
         AS kind,
       n.name AS name, n.taxId AS taxId, country, region
