"""The ACTORS graph is projected in place (its pairs streamed into GDS inside the database),
and that graph is the projection's definition: the scope's actors, two linked when both take
part in an in-scope initiative through ties active in the year, weighted by the initiatives
they share; in every kind of scope. An ACTORS graph whose estimate does not fit is refused
before anything is projected, naming its pairs."""

import asyncio
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.analytics.graphs import project_by_cypher
from service.analytics.statements import columns, run
from service.app import create_app
from service.cypher_catalog import fragment
from service.database import Database
from service.projections import Projection
from service.scope import Scope
from tests.neo4j_backends import Backend
from tests.service.analytics.reference import errors_of

SCOPES = [
    Scope(),
    Scope.of(countries=["CO"]),
    Scope.of(year=2012),
    Scope.of(actor_kinds=["FIRM", "ACADEMIA"]),
    Scope.of(countries=["CO", "CL"], year=2018, actor_kinds=["GOVERNMENT", "FIRM"]),
    Scope.of(territories=["CO-ANT"], sectors=["C"]),
]


DEFINITION = fragment("scope") + """
CALL (actors, initiatives) {
  UNWIND initiatives AS i
  MATCH (a:Actor)-[r:PARTICIPATES_IN|GOVERNS]->(i)
  WHERE a IN actors
    AND ($year IS NULL OR coalesce(r.since, $year) <= $year <= coalesce(r.until, $year))
  WITH i, collect(DISTINCT a.id) AS members
  UNWIND members AS a
  UNWIND members AS b
  WITH a, b, i WHERE a < b
  WITH a, b, toFloat(count(DISTINCT i)) AS shared
  RETURN collect([a, b, shared]) AS pairs
}
RETURN [a IN actors | a.id] AS nodes, pairs"""


async def _contents(db: Database, name: str) -> dict[str, Any]:
    """The graph's nodes (dataset ids) and its relationships as sorted (source id, target id,
    weight)."""
    nodes = await columns(db, "analytics/graph_nodes", ("id",), {"graph": name})
    rels = await columns(db, "analytics/relationships", ("source", "target", "weight"),
                         {"graph": name})
    return {"nodes": sorted(nodes["id"]),
            "edges": sorted(zip(rels["source"], rels["target"], rels["weight"], strict=True))}


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: str(s.describe()))
def test_the_actors_graph_projected_in_place_is_the_projection_s_definition(
        scope: Scope, sample_db: neo4j.Driver, neo4j_backend: Backend) -> None:
    async def projected() -> tuple[dict[str, Any], dict[str, Any]]:
        service = Database(neo4j_backend.settings)
        try:
            answer = await project_by_cypher(service, "test-actors", Projection.ACTORS, scope,
                                              60.0)
            return answer, await _contents(service, "test-actors")
        finally:
            await run(service, "analytics/drop_graph", {"graph": "test-actors"})
            await service.close()

    answer, graph = asyncio.run(projected())
    defined = sample_db.execute_query(DEFINITION, scope.parameters(),
                                      database_=neo4j_backend.settings.neo4j_database).records[0]
    assert graph["nodes"] == sorted(defined["nodes"])
    assert graph["edges"] == sorted(  # both directions of each undirected pair
        [(a, b, w) for a, b, w in defined["pairs"]] + [(b, a, w) for a, b, w in defined["pairs"]])
    assert answer["graph"] == "test-actors"
    assert answer["nodeCount"] == len(graph["nodes"]) > 0
    assert answer["relationshipCount"] == len(graph["edges"]) > 0


def test_an_actors_graph_that_would_not_fit_is_refused_before_it_is_projected(
        sample_db: neo4j.Driver, neo4j_backend: Backend) -> None:
    pairs = sample_db.execute_query("""
        MATCH (i:Initiative)<-[:PARTICIPATES_IN|GOVERNS]-(a:Actor)
        WITH i, count(DISTINCT a) AS m RETURN sum(m * (m - 1) / 2) AS pairs""",
        database_=neo4j_backend.settings.neo4j_database).records[0]["pairs"]
    settings = neo4j_backend.settings.model_copy(update={"analytics_max_memory": 1000})
    with TestClient(create_app(settings)) as client:
        errors = errors_of(client, "{ centrality(metric: PAGERANK, projection: ACTORS) "
                                   "{ nodeCount } }")
    assert len(errors) == 1
    extensions = errors[0]["extensions"]
    assert extensions["code"] == "MEMORY_LIMIT"
    assert extensions["estimate"]["bytesMax"] > 1000 == extensions["estimate"]["limit"]
    assert f"{pairs:,}" in errors[0]["message"]
    listed = sample_db.execute_query(
        "CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH 'articula-actors' "
        "RETURN count(*) AS n", database_=neo4j_backend.settings.neo4j_database)
    assert listed.records[0]["n"] == 0
