// Whether actor `a`, tied by `r` to an in-scope initiative, is among the scope's `actors`
// (the whole scope's: not a list the Explorer's `top` has cut): for such an actor that means
// the tie is active in $year and `a` passes the scope's actor tests (fragments/scope).
// Testing this reads a few properties; searching the list would read the whole list.
($year IS NULL OR (coalesce(r.since, $year) <= $year <= coalesce(r.until, $year)
                   AND (NOT a:Firm OR coalesce(a.foundedYear, $year) <= $year)))
AND ($actorKinds IS NULL OR (CASE WHEN a:Firm THEN 'FIRM' ELSE a.kind END) IN $actorKinds)
