// What the holder of a submission's reference may read of it.
MATCH (s:Submission {token: $reference})
RETURN s.status AS status, s.reviewerNote AS reviewerNote, s.submittedAt AS submittedAt
