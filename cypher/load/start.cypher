// The record of a large load while it is written in many transactions: WRITING, the rows
// it will write, and the lease its loader renews (an unfinished load whose lease has
// lapsed is one to roll back: its loader or Neo4j died).
CREATE (l:Load {id: $load.id, source: $load.source, loadedAt: $load.loadedAt,
                status: 'WRITING', rowsTotal: $rowsTotal, rowsWritten: 0,
                leaseHolder: $holder,
                leaseUntil: datetime.realtime() + duration({milliseconds: $leaseMs})})
