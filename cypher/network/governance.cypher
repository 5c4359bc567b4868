// include: scope
// include: edges/governance
