// The caller's ($addressHash) submissions of the last $windowS seconds, counted in the
// transaction that would store the next: the caller's quota node is written first, which
// locks it, so that concurrent submissions of one caller, from any worker, count one by one.
// `wait`: the seconds until the oldest of them leaves the window.
MERGE (q:SubmissionQuota {addressHash: $addressHash})
SET q.triedAt = datetime()
WITH q
OPTIONAL MATCH (s:Submission)
WHERE s.addressHash = $addressHash AND s.submittedAt > datetime() - duration({seconds: $windowS})
WITH count(s) AS recent, min(s.submittedAt) AS oldest
RETURN recent,
       CASE WHEN oldest IS NULL THEN 0
            ELSE $windowS - duration.inSeconds(oldest, datetime()).seconds END AS wait
