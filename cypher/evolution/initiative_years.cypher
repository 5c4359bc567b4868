// include: scope
// The start and end years of the in-scope initiatives (the scope taken without a year).
UNWIND initiatives AS i
RETURN i.startYear AS startYear, i.endYear AS endYear
