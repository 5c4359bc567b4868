// include: scope
// include: edges/supply
