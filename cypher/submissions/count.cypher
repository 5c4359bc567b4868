// How many submissions have a status (all when $status is null).
MATCH (s:Submission)
WHERE $status IS NULL OR s.status = $status
RETURN count(s) AS count
