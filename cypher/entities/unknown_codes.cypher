// Which of $countries are not country codes, and which of $territories and $sectors are unknown.
RETURN
  [c IN $countries WHERE NOT EXISTS { MATCH (:Territory {code: c, level: 'COUNTRY'}) }]
    AS countries,
  [c IN $territories WHERE NOT EXISTS { MATCH (:Territory {code: c}) }] AS territories,
  [c IN $sectors WHERE NOT EXISTS { MATCH (:Sector {code: c}) }] AS sectors
