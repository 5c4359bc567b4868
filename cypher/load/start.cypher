// The record of a large load while it is written in many transactions: WRITING, the rows
// it will write, and the lease its loader renews (an unfinished load whose lease has
// lapsed is one to roll back: its loader or Neo4j died); and a fence per writer, which
// each batch locks at its end (load/fence) and counts its rows on.
CREATE (l:Load {id: $load.id, source: $load.source, loadedAt: $load.loadedAt,
                status: 'WRITING', rowsTotal: $rowsTotal, leaseHolder: $holder,
                leaseUntil: datetime.realtime() + duration({milliseconds: $leaseMs})})
WITH l
UNWIND range(0, $writers - 1) AS slot
CREATE (:LoadFence {loadId: l.id, slot: slot, rows: 0})
