// HELIX: which of the helices ($helices: GOVERNMENT, ACADEMIA, BUSINESS, CIVIL_SOCIETY) take
// part in (participate in or govern) each in-scope initiative; firms and business
// associations are BUSINESS. Only initiatives missing one are returned.
// include: scope
UNWIND initiatives AS i
OPTIONAL MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
WHERE $year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
WITH i, collect(DISTINCT CASE
  WHEN a:Firm OR a.kind = 'BUSINESS_ASSOCIATION' THEN 'BUSINESS'
  WHEN a.kind IN ['GOVERNMENT', 'ACADEMIA', 'CIVIL_SOCIETY'] THEN a.kind END) AS present
WITH i, present, [h IN $helices WHERE NOT h IN present] AS missing
WHERE size(missing) > 0
RETURN i.id AS id, i.name AS name, present, missing
ORDER BY id
