// A submission with everything a moderator reads (no row when there is none).
MATCH (s:Submission {token: $reference})
RETURN properties(s) AS submission
