CREATE CONSTRAINT submission_quota IF NOT EXISTS FOR (n:SubmissionQuota) REQUIRE n.addressHash IS UNIQUE
