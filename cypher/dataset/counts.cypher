// How many rows each table of a dataset export holds: its progress's total, and what a
// worksheet must hold. Counts of one label or one relationship type come from the count store.
CALL () { MATCH (n:Territory) WHERE n.reference IS NULL RETURN count(n) AS territories }
CALL () { MATCH (n:Sector) WHERE n.reference IS NULL RETURN count(n) AS sectors }
CALL () { MATCH (n:Initiative) RETURN count(n) AS initiatives }
CALL () { MATCH (n:Firm) RETURN count(n) AS firms }
CALL () { MATCH (n:Institution) RETURN count(n) AS institutions }
CALL () { MATCH (n:Program) RETURN count(n) AS programs }
CALL () { MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r) AS participations }
CALL () { MATCH ()-[r:GOVERNS]->() RETURN count(r) AS governance }
CALL () { MATCH ()-[r:SUPPORTS]->() RETURN count(r) AS supports }
CALL () { MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS supplies }
CALL () { MATCH ()-[r:COLLABORATES_WITH]->() RETURN count(r) AS collaborations }
CALL () { MATCH ()-[r:AGREEMENT_WITH]->() RETURN count(r) AS agreements }
RETURN territories, sectors, initiatives, firms, institutions, programs, participations,
       governance, supports, supplies, collaborations, agreements
