// A submission is found by its token, the reference its submitter holds.
CREATE CONSTRAINT submission_token IF NOT EXISTS FOR (n:Submission) REQUIRE n.token IS UNIQUE
