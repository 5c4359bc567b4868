"""Analytics on hand-built graphs: Zachary's karate club (published values) and a clustered
random graph, each checked against NetworkX; provenance, cache, persist and the memory guard."""

from collections.abc import Iterator
from typing import Any

import neo4j
import networkx as nx
import pytest
from fastapi.testclient import TestClient

from service.access import create_key
from service.app import create_app
from service.cypher_catalog import cypher
from tests.conftest import empty_database
from tests.neo4j_backends import Backend
from tests.service.analytics.checks import REFERENCES, check_centrality
from tests.service.analytics.community_checks import (
    best_louvain,
    blocks,
    check_partition,
    partition,
)
from tests.service.analytics.reference import ask, errors_of, reference_graph
from tests.service.analytics.structure_checks import check_clustering, check_cuts
from tests.service.analytics.synthetic import random_graph, write_graph


@pytest.fixture(scope="module")
def synthetic_db(driver: neo4j.Driver, neo4j_backend: Backend) -> neo4j.Driver:
    database = neo4j_backend.settings.neo4j_database
    empty_database(driver, database)
    write_graph(driver, database, nx.karate_club_graph(), "K")
    write_graph(driver, database, random_graph(), "R")
    return driver


@pytest.fixture(scope="module")
def synthetic_client(synthetic_db: neo4j.Driver,
                     neo4j_backend: Backend) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_backend.settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def full(synthetic_client: TestClient) -> nx.Graph:
    return reference_graph(synthetic_client, "FULL")


@pytest.fixture(scope="module")
def supply(synthetic_client: TestClient) -> nx.Graph:
    return reference_graph(synthetic_client, "SUPPLY")


def test_the_reference_graph_is_the_one_written(full: nx.Graph) -> None:
    assert full.number_of_nodes() == 34 + 300 + 3 + 3
    assert full.number_of_edges() == 78 + random_graph().number_of_edges() - 3 + 3


@pytest.mark.parametrize("metric", sorted(REFERENCES))
def test_every_metric_is_networkx_s_on_the_undirected_graph(
        metric: str, synthetic_client: TestClient, full: nx.Graph) -> None:
    check_centrality(synthetic_client, full, "FULL", metric)


@pytest.mark.parametrize("metric", sorted(set(REFERENCES) - {"EIGENVECTOR"}))
def test_every_metric_is_networkx_s_on_the_weighted_directed_graph(
        metric: str, synthetic_client: TestClient, supply: nx.Graph) -> None:
    check_centrality(synthetic_client, supply, "SUPPLY", metric)


KARATE = """query($metric: CentralityMetric!) {
  centrality(metric: $metric, projection: FULL, top: 400) { items { id score } } }"""


def test_the_karate_club_s_published_values(synthetic_client: TestClient) -> None:
    """Zachary's club (a component of its own here): the instructor (node 0) and the
    administrator (node 33) have betweenness 231.07 and 160.55 (0.4376 and 0.3041 normalized
    by 528 pairs) and degree 16 and 17, as published since Zachary (1977)."""
    scores = {m: {i["id"]: i["score"] for i in ask(synthetic_client, KARATE,
                                                     metric=m)["centrality"]["items"]}
              for m in ("BETWEENNESS", "DEGREE")}
    assert round(scores["BETWEENNESS"]["K0"], 2) == 231.07
    assert round(scores["BETWEENNESS"]["K33"], 2) == 160.55
    assert round(scores["BETWEENNESS"]["K0"] / 528, 4) == 0.4376
    assert (scores["DEGREE"]["K0"], scores["DEGREE"]["K33"]) == (16.0, 17.0)


SAMPLED = """query($size: Int!, $seed: Int!) {
  centrality(metric: BETWEENNESS, projection: FULL, top: 400,
             sampling: {size: $size, seed: $seed}) {
    items { id score } provenance { seed parameters } } }"""


def test_sampled_betweenness_is_reproducible_and_exact_with_every_source(
        synthetic_client: TestClient, full: nx.Graph) -> None:
    first = ask(synthetic_client, SAMPLED, size=60, seed=3)["centrality"]
    again = ask(synthetic_client, SAMPLED, size=60, seed=3)["centrality"]
    assert first["items"] == again["items"]
    assert first["provenance"]["seed"] == 3
    assert first["provenance"]["parameters"]["sampling"] == {"size": 60, "seed": 3}
    other = ask(synthetic_client, SAMPLED, size=60, seed=4)["centrality"]
    assert other["items"] != first["items"]
    exact = nx.betweenness_centrality(full, normalized=False)
    half = ask(synthetic_client, SAMPLED, size=full.number_of_nodes() // 2,
               seed=3)["centrality"]
    estimate = sum(i["score"] for i in half["items"])
    assert 0.8 < estimate / sum(exact.values()) < 1.25  # scaled by n / k, as NetworkX
    every = ask(synthetic_client, SAMPLED, size=full.number_of_nodes(), seed=1)["centrality"]
    assert max(abs(i["score"] - exact[i["id"]]) for i in every["items"]) < 1e-6


CACHED = """{ centrality(metric: PAGERANK, projection: FULL, top: 3) {
  items { id score } provenance { cached computedAt graphVersion graph } } }"""


def test_an_identical_request_comes_from_the_cache_until_the_graph_changes(
        synthetic_client: TestClient, synthetic_db: neo4j.Driver) -> None:
    first = ask(synthetic_client, CACHED)["centrality"]
    again = ask(synthetic_client, CACHED)["centrality"]
    assert again["provenance"]["cached"] is True
    assert again["provenance"]["computedAt"] == first["provenance"]["computedAt"]
    assert again["items"] == first["items"]
    synthetic_db.execute_query(cypher("db/bump_version"))
    bumped = ask(synthetic_client, CACHED)["centrality"]
    assert bumped["provenance"]["cached"] is False
    assert bumped["provenance"]["graphVersion"] == first["provenance"]["graphVersion"] + 1
    assert bumped["items"] == first["items"]
    names, _, _ = synthetic_db.execute_query(
        "CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS names")
    assert bumped["provenance"]["graph"] in names[0]["names"]
    assert first["provenance"]["graph"] not in names[0]["names"]  # the stale graph is dropped


def test_persist_writes_every_score_and_bumps_no_version(
        synthetic_client: TestClient, synthetic_db: neo4j.Driver, full: nx.Graph,
        neo4j_backend: Backend) -> None:
    editor = create_key(synthetic_db, neo4j_backend.settings.neo4j_database, "persist", "EDITOR")

    def ask(client: TestClient, query: str) -> dict[str, Any]:
        answer = client.post("/graphql", json={"query": query},
                             headers={"Authorization": f"Bearer {editor.key}"}).json()
        assert "errors" not in answer, answer["errors"]
        return dict(answer["data"])

    version = "MATCH (g:GraphVersion) RETURN g.version AS v"
    before = synthetic_db.execute_query(version).records[0]["v"]
    answer = ask(synthetic_client, """{ centrality(metric: DEGREE, projection: FULL, top: 0,
        persist: true) { nodeCount } }""")["centrality"]
    assert answer["nodeCount"] == full.number_of_nodes()
    records, _, _ = synthetic_db.execute_query(
        "MATCH (n:Firm) RETURN n.id AS id, n.score_degree_full AS score")
    assert {r["id"]: r["score"] for r in records} == dict(full.degree())
    ask(synthetic_client, """{ communities(algorithm: WCC, projection: FULL, persist: true) {
        count } }""")
    records, _, _ = synthetic_db.execute_query(
        "MATCH (n:Firm) RETURN n.id AS id, n.community_wcc_full AS community")
    groups: dict[int, set[str]] = {}
    for r in records:
        groups.setdefault(r["community"], set()).add(r["id"])
    assert sorted(map(sorted, groups.values())) == sorted(
        map(sorted, nx.connected_components(full)))
    assert synthetic_db.execute_query(version).records[0]["v"] == before


def test_an_analysis_that_would_not_fit_is_refused_with_the_estimate(
        synthetic_db: neo4j.Driver, neo4j_backend: Backend) -> None:
    settings = neo4j_backend.settings.model_copy(update={"analytics_max_memory": 1000})
    with TestClient(create_app(settings)) as client:
        errors = errors_of(client, "{ centrality(metric: BETWEENNESS) { nodeCount } }")
    assert len(errors) == 1
    extensions = errors[0]["extensions"]
    assert extensions["code"] == "MEMORY_LIMIT"
    assert extensions["estimate"]["bytesMax"] > 1000
    assert extensions["estimate"]["limit"] == 1000


@pytest.mark.parametrize("bad", ["top: -1", "dampingFactor: 1.5", "maxIterations: 0",
                                 "sampling: {size: 5}"])
def test_bad_parameters_are_bad_user_input(bad: str, synthetic_client: TestClient) -> None:
    errors = errors_of(synthetic_client,
                       f"{{ centrality(metric: PAGERANK, {bad}) {{ nodeCount }} }}")
    assert errors and errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("algorithm", ["LOUVAIN", "LEIDEN"])
def test_modularity_on_the_clustered_graph_is_within_0_02_of_networkx_s_best(
        algorithm: str, synthetic_client: TestClient, full: nx.Graph) -> None:
    answer = partition(synthetic_client, algorithm, "FULL", seed=11)
    check_partition(answer, full, "FULL")
    assert answer["modularity"] >= best_louvain(full, weighted=False) - 0.02


def test_wcc_on_the_clustered_graph_is_networkx_s_components(
        synthetic_client: TestClient, full: nx.Graph) -> None:
    answer = partition(synthetic_client, "WCC", "FULL")
    assert sorted(map(sorted, blocks(answer))) == sorted(
        map(sorted, nx.connected_components(full)))


def test_a_long_ranking_is_not_refused_as_too_complex(synthetic_client: TestClient,
                                                      full: nx.Graph) -> None:
    answer = ask(synthetic_client, """{ centrality(metric: DEGREE, top: 5000) {
        items { id name kind score rank } } }""")
    assert len(answer["centrality"]["items"]) == full.number_of_nodes()


def test_structure_of_the_clustered_graph_is_networkx_s(synthetic_client: TestClient,
                                                        full: nx.Graph) -> None:
    check_clustering(synthetic_client, full, "FULL")
    check_cuts(synthetic_client, full, "FULL")


def test_equal_scores_share_a_rank_and_the_next_rank_skips(
        synthetic_client: TestClient, full: nx.Graph) -> None:
    items = ask(synthetic_client, """{ centrality(metric: DEGREE, top: 5000) {
        items { id score rank } } }""")["centrality"]["items"]
    degree = dict(full.degree)
    assert [i["rank"] for i in items] == [
        1 + sum(d > degree[i["id"]] for d in degree.values()) for i in items]
    # karate's nodes 3 and 31 both have 6 neighbours: one rank, and the next rank skips
    three, thirty_one = (next(i for i in items if i["id"] == k) for k in ("K3", "K31"))
    assert three["score"] == thirty_one["score"] == 6.0
    assert three["rank"] == thirty_one["rank"]
    after = next(i for i in items if i["score"] < 6.0)
    assert after["rank"] == three["rank"] + sum(d == 6 for d in degree.values())
