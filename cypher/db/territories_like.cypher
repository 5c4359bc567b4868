// Territories whose code starts with one of $prefixes, with their names: what a refused
// territory code is compared with to suggest the one meant.
UNWIND $prefixes AS prefix
MATCH (t:Territory)
USING INDEX t:Territory(code)
WHERE t.code STARTS WITH prefix
RETURN t.code AS code, t.name AS name
