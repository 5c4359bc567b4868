// Name search that ignores case and accents ("medellin" finds "Medellín"); the queries ask for
// prefixes of the words (service/api/name_search.py), so names are found as people type.
CREATE FULLTEXT INDEX names IF NOT EXISTS
FOR (n:Initiative|Actor|Program|Territory|Sector) ON EACH [n.name, n.nameEs, n.nameEn]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}}
