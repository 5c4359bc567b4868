// include: scope
// include: edges/initiatives
