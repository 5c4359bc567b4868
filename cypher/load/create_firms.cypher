// One batch of new firms (validation found none of them in the database): CREATE is
// faster than MERGE, and the uniqueness constraint still refuses a racing duplicate.
UNWIND $rows AS row
CREATE (n:Actor:Firm {id: row.id})
SET n += row.props, n += $stamp
RETURN count(n) AS created
