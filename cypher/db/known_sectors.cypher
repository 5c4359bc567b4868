// Which of $codes are sectors already.
UNWIND $codes AS code
MATCH (s:Sector {code: code})
USING INDEX s:Sector(code)
RETURN s.code AS code
