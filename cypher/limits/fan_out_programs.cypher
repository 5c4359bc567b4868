// The most initiatives any one programme supports.
MATCH (p:Program)
RETURN max(COUNT { (p)-[:SUPPORTS]->() }) AS supports
