// Which of the given actors sit on a governance body (GOVERNS, active in the year).
MATCH (a:Institution)-[r:GOVERNS]->(:Initiative)
WHERE a.id IN $ids
  AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
RETURN DISTINCT a.id AS id
