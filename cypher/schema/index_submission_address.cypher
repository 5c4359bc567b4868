CREATE INDEX submission_address IF NOT EXISTS FOR (n:Submission) ON (n.addressHash, n.submittedAt)
