// The record of a large load while it is written in many transactions, and the node its
// loader keeps locked while it runs (an unlocked WRITING load is one to roll back).
CREATE (l:Load {id: $load.id, source: $load.source, loadedAt: $load.loadedAt,
                status: 'WRITING'})
CREATE (:LoadLock {loadId: $load.id})
