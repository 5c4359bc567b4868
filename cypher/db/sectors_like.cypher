// Sectors whose code starts with one of $prefixes, with their names: what a refused sector
// code is compared with to suggest the one meant.
UNWIND $prefixes AS prefix
MATCH (s:Sector)
USING INDEX s:Sector(code)
WHERE s.code STARTS WITH prefix
RETURN s.code AS code, s.name AS name
