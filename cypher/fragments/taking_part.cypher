// Whether actor `a`, tied by `r` to an in-scope initiative, is one of the scope's `actors`:
// the tie is active in $year and `a` passes the scope's actor tests (fragments/scope), which
// an actor taking part in an in-scope initiative needs no more than (a test, not a search
// of the list).
($year IS NULL OR (coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
                   AND (NOT a:Firm OR coalesce(a.foundedYear, $year) <= $year)))
AND ($actorKinds IS NULL OR (CASE WHEN a:Firm THEN 'FIRM' ELSE a.kind END) IN $actorKinds)
