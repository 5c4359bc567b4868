// Whether the load's record made it into the database (the proof that it committed).
MATCH (l:Load {id: $loadId})
RETURN count(l) AS found
