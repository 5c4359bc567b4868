"""An analytic that outlives ARTICULA_ANALYTICS_TIMEOUT is stopped and says QUERY_TIMEOUT."""

import asyncio
import time

import pytest

import service.analytics.statements
from service.analytics.statements import algorithm
from service.database import Database
from service.errors import QueryTimeout
from tests.neo4j_backends import Backend

SLOW = "UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 123456 RETURN count(x) AS n"


def test_an_algorithm_past_the_analytics_timeout_ends_with_query_timeout(
        neo4j_backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = neo4j_backend.settings.model_copy(update={"analytics_timeout_s": 0.5})
    monkeypatch.setattr(service.analytics.statements, "as_columns", lambda name, names: SLOW)

    async def run() -> None:
        db = Database(settings)
        try:
            await algorithm(db, "analytics/centrality/pagerank", ("n",), {})
        finally:
            await db.close()

    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"longer than the 0.5 s allowed") as stopped:
        asyncio.run(run())
    assert stopped.value.code == "QUERY_TIMEOUT"
    assert stopped.value.extensions["limit"] == 0.5
    assert time.monotonic() - started < 30
