// Which of $codes are territories already.
UNWIND $codes AS code
MATCH (t:Territory {code: code})
RETURN t.code AS code
