// How many initiatives, firms and institutions there are, and LOCATED_IN and IN_SECTOR
// relationships: what the share of a filter's subtrees is taken of when the plan of a list
// is chosen (service/api/list_plans.py). Counts from the count store: nothing is read.
CALL () { MATCH (n:Initiative) RETURN count(n) AS initiatives }
CALL () { MATCH (n:Firm) RETURN count(n) AS firms }
CALL () { MATCH (n:Institution) RETURN count(n) AS institutions }
CALL () { MATCH ()-[r:LOCATED_IN]->() RETURN count(r) AS located }
CALL () { MATCH ()-[r:IN_SECTOR]->() RETURN count(r) AS inSector }
RETURN initiatives, firms, institutions, located, inSector
