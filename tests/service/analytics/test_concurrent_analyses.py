"""Analyses running side by side while the graph changes: a graph one of them reads is not
dropped under it, a stale graph is dropped once, and identical requests share one
computation."""

import asyncio
from dataclasses import dataclass, replace
from typing import Any

import neo4j
import networkx as nx
import pytest

from service.analytics import graphs
from service.analytics.centrality import CentralityRequest, Metric, centrality
from service.analytics.graphs import projected_graph
from service.analytics.results import Provenance, cached
from service.analytics.statements import retried_when_dropped, run
from service.cypher_catalog import cypher
from service.database import Database
from service.projections import Projection
from service.scope import Scope
from tests.neo4j_backends import Backend
from tests.service.analytics.synthetic import write_graph

PAGERANK = CentralityRequest(Metric.PAGERANK, Projection.FULL, top=3)


def graph_names(driver: neo4j.Driver) -> set[str]:
    records, _, _ = driver.execute_query(
        "CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS names")
    return set(records[0]["names"])


def test_a_graph_an_analysis_reads_survives_a_write_and_goes_after_it(
        db: neo4j.Driver, neo4j_backend: Backend) -> None:
    write_graph(db, neo4j_backend.settings.neo4j_database, nx.karate_club_graph(), "K")

    async def scenario() -> tuple[str, str, set[str], set[str]]:
        service = Database(neo4j_backend.settings)
        try:
            @retried_when_dropped
            async def reading_while_the_graph_changes() -> tuple[str, str, set[str]]:
                held = await projected_graph(service, Projection.FULL, Scope())
                db.execute_query(cypher("db/bump_version"))
                # another request on the new version: it drops every stale graph it may
                newer = await centrality(service, PAGERANK)
                return held.name, newer.provenance.graph, graph_names(db)

            held, newer, during = await reading_while_the_graph_changes()
            await centrality(service, replace(PAGERANK, top=4))
            return held, newer, during, graph_names(db)
        finally:
            await service.close()

    held, newer, during, after = asyncio.run(scenario())
    assert held != newer
    assert {held, newer} <= during
    assert held not in after and newer in after


@dataclass(frozen=True)
class Result:
    value: int
    provenance: Provenance


def test_identical_requests_arriving_together_share_one_computation(
        neo4j_backend: Backend) -> None:
    settings = neo4j_backend.settings.model_copy(update={"analytics_cached_results": 0})
    provenance = Provenance("gds.pageRank.stream", {}, None, "FULL", {}, 1, "g", "now", 1.0)

    async def scenario() -> tuple[int, list[Result]]:
        service = Database(settings)
        calls, gate = 0, asyncio.Event()

        async def compute() -> Result:
            nonlocal calls
            calls += 1
            await gate.wait()
            return Result(calls, provenance)

        def marked(found: Result, p: Provenance) -> Result:
            return replace(found, provenance=p)

        try:
            first, *others = [asyncio.ensure_future(cached(service, "key", compute, marked))
                              for _ in range(3)]
            while calls == 0:  # the first has started the computation, the others wait
                await asyncio.sleep(0.001)
            first.cancel()  # the first client goes away: the others still get the result
            gate.set()
            done = await asyncio.gather(*others)
            # with no result kept, a request after the computation computes again
            again = await cached(service, "key", compute, marked)
            return calls, [*done, again]
        finally:
            await service.close()

    calls, (second, third, again) = asyncio.run(scenario())
    assert calls == 2
    assert second.value == third.value == 1
    assert second.provenance.cached and third.provenance.cached
    assert again.value == 2 and not again.provenance.cached



def test_requests_that_see_the_same_stale_graph_drop_it_once(
        db: neo4j.Driver, neo4j_backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    write_graph(db, neo4j_backend.settings.neo4j_database, nx.karate_club_graph(), "K")
    sent: list[str] = []

    async def counted(service: Database, name: str, parameters: dict[str, Any],
                      **options: Any) -> list[dict[str, Any]]:
        sent.append(name)
        return await run(service, name, parameters, **options)

    monkeypatch.setattr(graphs, "run", counted)

    async def scenario() -> str:
        service = Database(neo4j_backend.settings)
        try:
            stale = await projected_graph(service, Projection.FULL, Scope())
            db.execute_query(cypher("db/bump_version"))
            sent.clear()
            await asyncio.gather(*(graphs._drop(service, stale.name) for _ in range(4)))
            return stale.name
        finally:
            await service.close()

    stale = asyncio.run(scenario())
    assert sent == ["analytics/drop_graph"]
    assert stale not in graph_names(db)


def test_results_of_an_older_graph_version_go_when_a_newer_one_is_kept(
        neo4j_backend: Backend) -> None:
    async def scenario() -> tuple[list[bool], int]:
        service = Database(neo4j_backend.settings)
        calls = 0

        def computed_on(version: int) -> Any:
            async def compute() -> Result:
                nonlocal calls
                calls += 1
                return Result(calls, Provenance("gds.pageRank.stream", {}, None, "FULL", {},
                                                version, f"g-v{version}", "now", 1.0))
            return compute

        def marked(found: Result, p: Provenance) -> Result:
            return replace(found, provenance=p)

        try:
            answers = [await cached(service, key, computed_on(version), marked)
                       for key, version in [("CO v1", 1), ("MX v1", 1), ("CO v1", 1),
                                            ("CO v2", 2), ("MX v1", 1)]]
            return [a.provenance.cached for a in answers], calls
        finally:
            await service.close()

    cached_flags, calls = asyncio.run(scenario())
    # the third request is a hit; after a version 2 result is kept, MX v1 is computed again
    assert cached_flags == [False, False, True, False, False]
    assert calls == 4
