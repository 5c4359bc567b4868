// Loads that started writing and never finished (nor finished rolling back).
MATCH (l:Load)
WHERE l.status IN ['WRITING', 'ROLLING_BACK']
RETURN l.id AS loadId, l.source AS source
