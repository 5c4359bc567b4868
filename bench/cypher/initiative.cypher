// Floor for "one initiative with its participants": the initiative and, in the same
// statement, each participation with its actor.
MATCH (i:Initiative {id: $id})
OPTIONAL MATCH (a:Actor)-[p:PARTICIPATES_IN]->(i)
RETURN i.id AS id, i.name AS name, i.type AS type,
       collect({role: p.role, since: p.since, until: p.until,
                actor: {id: a.id, name: a.name}}) AS participants
