// Floor for "a filtered page of firms": firms located in the territory subtrees of the
// countries, of the given sizes, by name then id (Articula's default order), one page.
MATCH (c:Territory)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(f:Firm)
WHERE c.code IN $countries AND f.size IN $sizes
RETURN DISTINCT f.id AS id, f.name AS name, f.size AS size, f.employees AS employees
ORDER BY name, id
LIMIT $first
