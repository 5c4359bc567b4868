"""A query that outlives ARTICULA_NEO4J_TIMEOUT is stopped by Neo4j and named as such."""

import asyncio

import pytest

import service.database
from service.database import Database
from service.errors import DatabaseTimeout
from tests.neo4j_backends import Backend

SLOW = "UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 123456 RETURN count(x) AS n"


def test_a_query_past_the_timeout_is_stopped_with_database_timeout(
    neo4j_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = neo4j_backend.settings.model_copy(update={"neo4j_timeout_s": 0.5})
    monkeypatch.setattr(service.database, "cypher", lambda name: SLOW)

    async def run() -> None:
        db = Database(settings)
        try:
            await db.read("slow/count")
        finally:
            await db.close()

    with pytest.raises(DatabaseTimeout, match=r"longer than the 0.5 s allowed") as refused:
        asyncio.run(run())
    assert refused.value.code == "DATABASE_TIMEOUT"
