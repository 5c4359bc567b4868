// include: scope
// include: most_connected
// A projection in the scope as one record, the scope evaluated once: `work` (the rows the
// ACTORS or INITIATIVES pairs aggregate, 0 for the others); unless `work` exceeds $maxWork,
// the edges of $projection as columns (source, target, type, weight; at most $maxRows of
// them, in the order of the projection's own statement); and, unless either limit is
// reached (the network is refused then, and its nodes are not worth reading), the in-scope
// nodes carrying $labels as columns (id, name, label, kind, countries, territories, sectors,
// size, level; by id). With $top, only the $top most connected of the `scopeNodes` and the
// edges among them. A node another transaction deletes while this one reads it has null
// properties: it is left out, so that the columns stay parallel (collect skips nulls).
OPTIONAL CALL (initiatives, actors) {
  WITH * WHERE $projection IN ['ACTORS', 'INITIATIVES']
// include: pair_work
}
WITH *, CASE $projection WHEN 'ACTORS' THEN actorPairs WHEN 'INITIATIVES' THEN initiativePairs
        ELSE 0 END AS work
CALL (initiatives, actors, programs, work) {
  CALL (initiatives, actors, programs, work) {
    WITH * WHERE $projection = 'FULL'
// include: edges/full
    UNION ALL
    WITH * WHERE $projection = 'ACTORS' AND work <= $maxWork
// include: edges/actors
    UNION ALL
    WITH * WHERE $projection = 'INITIATIVES' AND work <= $maxWork
// include: edges/initiatives
    UNION ALL
    WITH * WHERE $projection = 'GOVERNANCE'
// include: edges/governance
    UNION ALL
    WITH * WHERE $projection = 'SUPPLY'
// include: edges/supply
  }
  WITH * WHERE source IS NOT NULL AND target IS NOT NULL  // not a node deleted while read
  LIMIT $maxRows
  RETURN collect(source) AS source, collect(target) AS target, collect(type) AS type,
         collect(weight) AS weight
}
CALL (initiatives, actors, programs, work, source) {
  CALL (initiatives, actors, programs, work, source) {
    WITH * WHERE work <= $maxWork AND size(source) < $maxRows
// include: nodes
  }
  WITH * WHERE id IS NOT NULL AND name IS NOT NULL  // not a node deleted while read
  RETURN collect(id) AS id, collect(name) AS name, collect(label) AS label,
         collect(kind) AS kind, collect(countries) AS countries,
         collect(territories) AS territories, collect(sectors) AS sectors,
         collect(size) AS size, collect(level) AS level
}
RETURN id, name, label, kind, countries, territories, sectors, size, level, scopeNodes, work,
       source, target, type, weight
