// include: scope
// How many in-scope nodes carry each label.
RETURN size(initiatives) AS Initiative, size([a IN actors WHERE a:Firm]) AS Firm,
       size([a IN actors WHERE a:Institution]) AS Institution, size(programs) AS Program
