// Which of $codes are territories already.
UNWIND $codes AS code
MATCH (t:Territory {code: code})
USING INDEX t:Territory(code)
RETURN t.code AS code
