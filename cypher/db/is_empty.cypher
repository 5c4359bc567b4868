// True when no dataset has been loaded: no initiative, actor or programme.
RETURN NOT (EXISTS { MATCH (:Initiative) } OR EXISTS { MATCH (:Actor) } OR EXISTS { MATCH (:Program) })
  AS empty
