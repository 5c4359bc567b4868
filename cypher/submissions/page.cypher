// A page of submissions of a status (any when $status is null), oldest first; a cursor is
// the reference of the last one read.
OPTIONAL MATCH (c:Submission {token: $after})
WITH c
MATCH (s:Submission)
WHERE ($status IS NULL OR s.status = $status)
  AND (c IS NULL OR s.submittedAt > c.submittedAt
       OR (s.submittedAt = c.submittedAt AND s.token > c.token))
RETURN properties(s) AS submission
ORDER BY s.submittedAt, s.token
LIMIT $limit
