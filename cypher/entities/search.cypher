// Keys (id, or code for territories and sectors) and names of the $label nodes whose names
// match $query, a Lucene query over the `names` full-text index (case and accents ignored).
CALL db.index.fulltext.queryNodes('names', $query) YIELD node
WHERE $label IN labels(node)
RETURN collect(coalesce(node.id, node.code)) AS keys,
       collect([node.name, node.nameEs, node.nameEn]) AS names
