// The scope's codes that name nothing: countries (territories at COUNTRY level), territories
// and sectors, each list in the order given.
RETURN [code IN coalesce($countries, [])
        WHERE NOT EXISTS { MATCH (t:Territory {code: code}) WHERE t.level = 'COUNTRY' }] AS countries,
       [code IN coalesce($territories, [])
        WHERE NOT EXISTS { MATCH (:Territory {code: code}) }] AS territories,
       [code IN coalesce($sectors, [])
        WHERE NOT EXISTS { MATCH (:Sector {code: code}) }] AS sectors
