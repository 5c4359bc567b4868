// BROKER_DEPENDENCY: every in-scope initiative with its in-scope members (participants and
// governors, active in the year): the actor-initiative graph whose cut vertices among actors
// are the ACTORS projection's, without pairing the members of each initiative.
// include: scope
UNWIND initiatives AS i
MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
WHERE a IN actors AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
WITH i, collect(DISTINCT a) AS members
RETURN i.id AS id,
       [a IN members | {id: a.id, name: a.name,
                        label: CASE WHEN a:Firm THEN 'Firm' ELSE 'Institution' END}] AS members
ORDER BY id
