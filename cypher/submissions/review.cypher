// Close a pending submission as APPROVED or REJECTED. The first SET takes the node's write
// lock, so that the status read after it is the last committed one: of two moderators
// reviewing at once, the second finds it closed. No row when there is no such submission;
// `closed` is its status before when it was not pending (then nothing is meant to commit).
MATCH (s:Submission {token: $reference})
SET s.reviewedAt = datetime()
WITH s, s.status AS before
CALL (s, before) {
  WITH s WHERE before = 'PENDING'
  SET s.status = $status, s.reviewerNote = $note, s.reviewedBy = $keyId,
      s.initiativeId = $initiativeId
}
RETURN before, properties(s) AS submission
