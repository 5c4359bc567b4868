// The researcher's own pull of the FULL graph's nodes: every initiative, actor and programme
// by dataset id, one record each, as a notebook would read them.
MATCH (n)
WHERE n:Initiative OR n:Actor OR n:Program
RETURN n.id AS id
