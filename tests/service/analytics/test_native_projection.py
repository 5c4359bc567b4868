"""The unscoped FULL, GOVERNANCE and SUPPLY graphs are projected natively by GDS, and that
graph is the one the projection's Cypher statement gives: same nodes, same relationships and
weights, same PageRank."""

import asyncio
from typing import Any

import neo4j
import networkx as nx
import pytest
from fastapi.testclient import TestClient

from service.analytics.graphs import (
    WEIGHTED,
    can_project_natively,
    project_by_cypher,
    project_natively,
    projected_graph,
)
from service.analytics.statements import columns, run
from service.cypher_catalog import cypher
from service.database import Database
from service.projections import Projection
from service.scope import Scope
from tests.neo4j_backends import Backend
from tests.service.analytics.reference import ask
from tests.service.analytics.synthetic import write_graph

NATIVE = (Projection.FULL, Projection.GOVERNANCE, Projection.SUPPLY)


async def _graph(db: Database, name: str, projection: Projection) -> dict[str, Any]:
    """The graph's counts, its relationships as sorted (source id, target id, weight) and
    every node's PageRank by id, with the configuration the service uses."""
    listed = {r["graph"]: r for r in await run(db, "analytics/graphs", {"prefix": name})}
    rels = await columns(db, "analytics/relationships", ("source", "target", "weight"),
                         {"graph": name})
    config: dict[str, Any] = {"concurrency": 1, "dampingFactor": 0.85, "maxIterations": 100,
                              "tolerance": 1e-7}
    if projection in WEIGHTED:
        config["relationshipWeightProperty"] = "weight"
    scores = await run(db, "analytics/centrality/pagerank", {"graph": name, "config": config})
    return {"nodes": listed[name]["nodeCount"],
            "relationships": listed[name]["relationshipCount"],
            "native": listed[name]["native"],
            "edges": sorted(zip(rels["source"], rels["target"], rels["weight"], strict=True)),
            "pagerank": {r["id"]: r["score"] for r in scores}}


@pytest.mark.parametrize("projection", NATIVE)
def test_the_native_projection_is_the_cypher_projection(
        projection: Projection, sample_db: neo4j.Driver, neo4j_backend: Backend) -> None:
    async def both() -> tuple[bool, dict[str, Any], dict[str, Any]]:
        service = Database(neo4j_backend.settings)
        names = (f"test-native-{projection.value}", f"test-cypher-{projection.value}")
        try:
            ready = await can_project_natively(service, projection, Scope())
            await project_natively(service, names[0], projection, 60.0)
            await project_by_cypher(service, names[1], projection, Scope(), 60.0)
            return ready, await _graph(service, names[0], projection), \
                await _graph(service, names[1], projection)
        finally:
            for name in names:
                await run(service, "analytics/drop_graph", {"graph": name})
            await service.close()

    ready, native, by_cypher = asyncio.run(both())
    assert ready
    assert (native["native"], by_cypher["native"]) == (True, False)
    assert native["nodes"] == by_cypher["nodes"] > 0
    assert native["relationships"] == by_cypher["relationships"] > 0
    assert native["edges"] == by_cypher["edges"]
    assert native["pagerank"].keys() == by_cypher["pagerank"].keys()
    assert max(abs(native["pagerank"][i] - by_cypher["pagerank"][i])
               for i in native["pagerank"]) <= 1e-9


PROVENANCE = """query ($projection: Projection!, $scope: ScopeInput) {
  centrality(metric: PAGERANK, projection: $projection, scope: $scope, top: 1) {
    provenance { graph nativeProjection } } }"""


@pytest.mark.parametrize(("projection", "scope", "native"), [
    ("FULL", None, True), ("GOVERNANCE", None, True), ("SUPPLY", {}, True),
    ("FULL", {"countries": ["CO"]}, False), ("SUPPLY", {"year": 2020}, False),
    ("ACTORS", None, False), ("INITIATIVES", None, False)])
def test_provenance_says_which_projection_built_the_graph(
        projection: str, scope: dict[str, Any] | None, native: bool,
        sample_client: TestClient) -> None:
    answer = ask(sample_client, PROVENANCE, projection=projection, scope=scope)
    assert answer["centrality"]["provenance"]["nativeProjection"] is native


def test_a_programme_outside_every_scope_keeps_full_on_its_cypher_projection(
        db: neo4j.Driver, neo4j_backend: Backend) -> None:
    database = neo4j_backend.settings.neo4j_database
    write_graph(db, database, nx.karate_club_graph(), "K")
    db.execute_query("CREATE (:Actor:Institution {id: 'I1', name: 'I', kind: 'GOVERNMENT'})"
                     "-[:RUNS]->(:Program {id: 'P1', name: 'run'}), "
                     "(:Initiative {id: 'N1', name: 'N', type: 'CLUSTER'}), "
                     "(:Program {id: 'P2', name: 'alone'}), "
                     "(:Actor:Institution {id: 'I2', name: 'J', kind: 'ACADEMIA'})"
                     "-[:GOVERNS]->(:Initiative {id: 'N2', name: 'M', type: 'CLUSTER'})",
                     database_=database)
    db.execute_query(cypher("db/bump_version"), database_=database)

    async def full() -> tuple[int, bool]:
        service = Database(neo4j_backend.settings)
        try:
            graph = await projected_graph(service, Projection.FULL, Scope())
            return graph.node_count, graph.native
        finally:
            await service.close()

    assert asyncio.run(full()) == (34 + 5, False)  # P2 is in no scope
    db.execute_query("MATCH (p:Program {id: 'P2'}) DELETE p", database_=database)
    db.execute_query(cypher("db/bump_version"), database_=database)
    assert asyncio.run(full()) == (34 + 5, True)
