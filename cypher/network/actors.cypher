// include: scope
// include: edges/actors
