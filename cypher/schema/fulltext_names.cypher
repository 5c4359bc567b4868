// Name search that ignores case and accents ("medellin" finds "Medellín").
CREATE FULLTEXT INDEX names IF NOT EXISTS
FOR (n:Initiative|Actor|Program|Territory|Sector) ON EACH [n.name, n.nameEs, n.nameEn]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}}
