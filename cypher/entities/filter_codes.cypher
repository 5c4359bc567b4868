// The codes of a list's filter: which of $countries are not country codes and which of
// $territories and $sectors are unknown; and, to choose how the list is read
// (service/api/list_plans.py), how many LOCATED_IN relationships end in the subtrees of
// $territories (else of $countries) and how many IN_SECTOR ones in those of $sectors,
// counted from the degrees of the territories and sectors: no node below them is read.
CALL () {
  MATCH (root:Territory) WHERE root.code IN coalesce($territories, $countries, [])
  MATCH (root)<-[:PART_OF*0..]-(t:Territory)
  WITH DISTINCT t
  RETURN sum(COUNT { (t)<-[:LOCATED_IN]-() }) AS located
}
CALL () {
  MATCH (root:Sector) WHERE root.code IN coalesce($sectors, [])
  MATCH (root)<-[:PART_OF|CORRESPONDS_TO*0..]-(s:Sector)
  WITH DISTINCT s
  RETURN sum(COUNT { (s)<-[:IN_SECTOR]-() }) AS inSector
}
RETURN
  [c IN coalesce($countries, []) WHERE NOT EXISTS { MATCH (:Territory {code: c, level: 'COUNTRY'}) }]
    AS countries,
  [c IN coalesce($territories, []) WHERE NOT EXISTS { MATCH (:Territory {code: c}) }] AS territories,
  [c IN coalesce($sectors, []) WHERE NOT EXISTS { MATCH (:Sector {code: c}) }] AS sectors,
  located, inSector
