"""A community run writes its partition to a node property of the shared GDS graph: that
property is its own, and it is gone afterwards, whether the run succeeded, failed or was
cancelled."""

import asyncio
from typing import Any

import neo4j
import networkx as nx
import pytest

from service.analytics import communities as module
from service.analytics import statements
from service.analytics.communities import (
    TEMPORARY_PREFIX,
    Algorithm,
    Communities,
    CommunityRequest,
    communities,
)
from service.analytics.statements import retire, run
from service.database import Database
from service.projections import Projection
from tests.neo4j_backends import Backend
from tests.service.analytics.synthetic import random_graph, write_graph


def node_properties(driver: neo4j.Driver, database: str) -> dict[str, set[str]]:
    """The node properties of every GDS graph, by graph name."""
    records, _, _ = driver.execute_query(
        "CALL gds.graph.list() YIELD graphName, schema "
        "RETURN graphName, [label IN keys(schema.nodes) | keys(schema.nodes[label])] AS keys",
        database_=database)
    return {r["graphName"]: {k for keys in r["keys"] for k in keys} for r in records}


def summary(result: Communities) -> tuple[float, list[list[str]]]:
    return result.modularity, [[m.id for m in c.members] for c in result.communities]


@pytest.mark.parametrize("projection", [Projection.FULL, Projection.SUPPLY])
def test_runs_at_once_on_one_graph_agree_with_runs_alone_and_leave_no_property(
        projection: Projection, db: neo4j.Driver, neo4j_backend: Backend) -> None:
    database = neo4j_backend.settings.neo4j_database
    write_graph(db, database, random_graph(), "R")
    settings = neo4j_backend.settings.model_copy(update={"analytics_cached_results": 0})
    algorithms = [Algorithm.LOUVAIN, Algorithm.LABEL_PROPAGATION, Algorithm.WCC]
    if projection is Projection.FULL:
        algorithms += [Algorithm.LEIDEN, Algorithm.K_CORE]
    requests = [CommunityRequest(a, projection) for a in algorithms * 2]

    async def scenario() -> tuple[list[Communities], list[Communities]]:
        service = Database(settings)
        try:
            alone = [await communities(service, r) for r in requests]
            together = await asyncio.gather(*(communities(service, r) for r in requests))
            return alone, list(together)
        finally:
            await service.close()

    alone, together = asyncio.run(scenario())
    assert [summary(r) for r in together] == [summary(r) for r in alone]
    assert len({r.provenance.graph for r in together}) == 1
    assert node_properties(db, database) == {together[0].provenance.graph: set()}


@pytest.mark.parametrize("failure", [RuntimeError("lost"), asyncio.CancelledError()])
def test_the_property_is_dropped_when_the_run_fails_after_writing_it(
        failure: BaseException, db: neo4j.Driver, neo4j_backend: Backend,
        monkeypatch: pytest.MonkeyPatch) -> None:
    database = neo4j_backend.settings.neo4j_database
    write_graph(db, database, nx.karate_club_graph(), "K")
    seen: dict[str, set[str]] = {}
    real = module.algorithm

    async def failing_after(service: Database, name: str, names: Any,
                            parameters: dict[str, Any]) -> dict[str, list[Any]]:
        found = await real(service, name, names, parameters)
        if name == "analytics/communities/partition":
            seen.update(node_properties(db, database))
            raise failure
        return found

    monkeypatch.setattr(module, "algorithm", failing_after)

    async def scenario() -> None:
        service = Database(neo4j_backend.settings)
        try:
            await communities(service, CommunityRequest(Algorithm.LOUVAIN))
        finally:
            await service.close()

    with pytest.raises(type(failure)):
        asyncio.run(scenario())
    [(graph, written)] = seen.items()
    assert len(written) == 1 and next(iter(written)).startswith(TEMPORARY_PREFIX)
    assert node_properties(db, database) == {graph: set()}


MUTATE = ("CALL gds.wcc.mutate($graph, {mutateProperty: $property}) "
          "YIELD nodePropertiesWritten RETURN nodePropertiesWritten")
SLOW = ("CALL gds.graph.list($graph) YIELD graphName "
        "UNWIND range(1, 3000000) AS i RETURN count(i) AS n")
PROPERTIES = ("CALL gds.graph.list($graph) YIELD schema "
              "RETURN [label IN keys(schema.nodes) | keys(schema.nodes[label])] AS keys")


def test_a_retired_property_stays_while_a_statement_reads_its_graph_and_goes_after(
        db: neo4j.Driver, neo4j_backend: Backend) -> None:
    database = neo4j_backend.settings.neo4j_database
    write_graph(db, database, nx.karate_club_graph(), "K")

    async def scenario() -> tuple[set[str], set[str]]:
        service = Database(neo4j_backend.settings)
        try:
            graph = (await communities(service, CommunityRequest(Algorithm.WCC))).provenance.graph
            await run(service, "test/mutate", {"graph": graph, "property": "p"}, query=MUTATE)
            reading = asyncio.create_task(run(service, "test/slow", {"graph": graph}, query=SLOW))
            await asyncio.sleep(0)  # the statement has entered its graph
            await retire(service, graph, "p")
            during = node_properties(db, database)[graph]  # blocks the loop: the read goes on
            await reading
            return during, node_properties(db, database)[graph]
        finally:
            await service.close()

    during, after = asyncio.run(scenario())
    assert (during, after) == ({"p"}, set())


def test_statements_wait_for_the_removal_once_enough_properties_are_retired(
        db: neo4j.Driver, neo4j_backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    database = neo4j_backend.settings.neo4j_database
    write_graph(db, database, nx.karate_club_graph(), "K")
    monkeypatch.setattr(statements, "RETIRED_AT_MOST", 1)

    async def scenario() -> tuple[bool, list[str]]:
        service = Database(neo4j_backend.settings)
        try:
            graph = (await communities(service, CommunityRequest(Algorithm.WCC))).provenance.graph
            await run(service, "test/mutate", {"graph": graph, "property": "p"}, query=MUTATE)
            slow = asyncio.create_task(run(service, "test/slow", {"graph": graph}, query=SLOW))
            await asyncio.sleep(0)
            await retire(service, graph, "p")
            later = await run(service, "test/properties", {"graph": graph}, query=PROPERTIES)
            waited = slow.done()
            await slow
            return waited, [k for keys in later[0]["keys"] for k in keys]
        finally:
            await service.close()

    assert asyncio.run(scenario()) == (True, [])
