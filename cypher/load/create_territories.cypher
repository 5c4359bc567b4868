// One batch of new territories (validation found none of them in the database): CREATE is
// faster than MERGE, and the uniqueness constraint still refuses a racing duplicate.
UNWIND $rows AS row
CREATE (n:Territory {code: row.code})
SET n += row.props, n += $stamp
RETURN count(n) AS created
