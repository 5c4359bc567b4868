// include: scope
// include: nodes
