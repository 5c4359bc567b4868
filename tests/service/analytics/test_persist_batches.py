"""`persist` writes its scores a batch of nodes per transaction: every node gets its value
however many batches it takes, and an id the graph lacks is not counted."""

import asyncio

import neo4j
import pytest

from service.analytics import centrality
from service.analytics.centrality import persist_scores
from service.database import Database
from tests.neo4j_backends import Backend


def test_persist_writes_every_value_over_many_transactions(
    db: neo4j.Driver, neo4j_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.execute_query("UNWIND range(1, 25) AS i CREATE (:Actor:Firm {id: 'F-' + i})")
    db.execute_query("CREATE (:Initiative {id: 'I-1'}), (:Program {id: 'P-1'})")
    monkeypatch.setattr(centrality, "PERSIST_BATCH", 4)  # 7 transactions for 27 values
    values = {f"F-{i}": i / 10 for i in range(1, 26)} | {"I-1": 7.0, "P-1": 8.0, "X-1": 9.0}

    async def run() -> int:
        database = Database(neo4j_backend.settings)
        try:
            return await persist_scores(database, "score_test_full", values)
        finally:
            await database.close()

    assert asyncio.run(run()) == 27
    records, _, _ = db.execute_query(
        "MATCH (n) WHERE n.score_test_full IS NOT NULL RETURN n.id AS id, n.score_test_full AS v")
    assert {r["id"]: r["v"] for r in records} == {k: v for k, v in values.items() if k != "X-1"}
