// With $top set, keeps of the in-scope nodes carrying one of $labels only the $top with the
// most relationships in the stored graph (of the types projections use, whatever their
// years; ties by id); nodes of the other lists stay, as the pairs of ACTORS and INITIATIVES
// go through them. `scopeNodes`: how many in-scope nodes carry one of $labels.
CALL (initiatives, actors, programs) {
  UNWIND CASE WHEN $top IS NULL THEN [] ELSE initiatives + actors + programs END AS n
  WITH n
  WHERE any(l IN labels(n) WHERE l IN $labels)
  WITH n
  ORDER BY COUNT {
    (n)-[:PARTICIPATES_IN|GOVERNS|RUNS|SUPPORTS|SUPPLIES|COLLABORATES_WITH|AGREEMENT_WITH]-()
  } DESC, n.id
  // all sorted, then cut: a LIMIT here (Top) counts the lists of the scope once per row
  // kept against the transaction's memory, gigabytes at 100k actors
  RETURN collect(n)[..$top] AS kept
}
WITH size([n IN initiatives + actors + programs WHERE any(l IN labels(n) WHERE l IN $labels)])
       AS scopeNodes,
     CASE WHEN $top IS NULL OR NOT 'Initiative' IN $labels THEN initiatives
          ELSE [n IN initiatives WHERE n IN kept] END AS initiatives,
     CASE WHEN $top IS NULL OR NOT any(l IN ['Firm', 'Institution'] WHERE l IN $labels)
          THEN actors ELSE [n IN actors WHERE n IN kept] END AS actors,
     CASE WHEN $top IS NULL OR NOT 'Program' IN $labels THEN programs
          ELSE [n IN programs WHERE n IN kept] END AS programs
