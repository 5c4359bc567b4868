// include: scope
// include: edges/full
