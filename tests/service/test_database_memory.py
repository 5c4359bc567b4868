"""A query Neo4j refuses for its transaction memory is MEMORY_LIMIT, and is not tried again
(Neo4j calls the refusal transient, but the same query fails the same way)."""

import asyncio

import pytest

import service.database
from service.database import Database
from service.errors import MemoryLimit
from tests.neo4j_backends import Backend

# some 2 GB of strings in one list: past the transaction memory of the tests' local server
# (70 % of its 2 GB heap), refused as it grows
HUNGRY = "UNWIND range(1, 40000000) AS x RETURN size(collect(toString(x))) AS n"


def test_a_query_past_the_transaction_memory_is_memory_limit(
    neo4j_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    if neo4j_backend.kind != "local":
        pytest.skip("the transaction memory of a server the tests did not start is unknown")
    monkeypatch.setattr(service.database, "cypher", lambda name: HUNGRY)
    # tried again, the read would go on for ten minutes: the wait below would end first
    monkeypatch.setattr(service.database, "RETRY_TIME_S", 600.0)
    db = Database(neo4j_backend.settings)

    async def run() -> None:
        try:
            await asyncio.wait_for(db.read("hungry/collect"), timeout=120)
        finally:
            await db.close()

    with pytest.raises(MemoryLimit, match=r"more memory than its transactions may use") as refused:
        asyncio.run(run())
    assert refused.value.code == "MEMORY_LIMIT"
    assert "ARTICULA_NEO4J_HEAP" in refused.value.message
