// The running server's versions; fails when the GDS procedures are not installed.
CALL dbms.components() YIELD name, versions, edition
WHERE name = 'Neo4j Kernel'
RETURN versions[0] AS neo4jVersion, edition AS neo4jEdition, gds.version() AS gdsVersion
