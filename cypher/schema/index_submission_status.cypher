CREATE INDEX submission_status IF NOT EXISTS FOR (n:Submission) ON (n.status, n.submittedAt)
