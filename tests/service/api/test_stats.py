"""`stats` on the sample: counts from the CSV files, structure from NetworkX."""

from collections import Counter
from collections.abc import Iterator
from typing import Any

import neo4j
import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.neo4j_backends import Backend
from tests.service.api.sample_network import error_code, graphql, sample_client, sample_network

STATS = """
query ($scope: ScopeInput) {
  stats(scope: $scope) {
    nodeCounts { label count }
    relationshipCounts { type count }
    projections { projection nodeCount edgeCount density components largestComponent }
    byCountry { code name initiatives firms institutions }
    byTerritory { code name level initiatives firms institutions }
  }
}"""
SCOPES: dict[str, dict[str, Any]] = {
    "everything": {},
    "country and year": {"countries": ["CO"], "year": 2018},
    "types and kinds": {"initiativeTypes": ["CLUSTER"], "actorKinds": ["FIRM", "GOVERNMENT"]},
    "sector and territory": {"sectors": ["A"], "territories": ["PE-PIU", "CO-ANT"]},
}


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    yield from sample_client(driver, neo4j_backend)


def stats(client: TestClient, scope: dict[str, Any]) -> dict[str, Any]:
    body = graphql(client, STATS, scope=scope)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["stats"]
    return result


@pytest.mark.parametrize("scope", SCOPES.values(), ids=SCOPES.keys())
def test_counts_are_the_csv_files_counts(client: TestClient, scope: dict[str, Any]) -> None:
    sample = sample_network()
    answer = stats(client, scope)
    inside = sample.in_scope(scope)
    labels = Counter(sample.nodes[n]["label"] for n in inside)
    assert {c["label"]: c["count"] for c in answer["nodeCounts"]} == {
        label: labels[label] for label in ("Initiative", "Firm", "Institution", "Program")}
    types = Counter(kind for (_, _, kind, _), n in sample.edges_of("FULL", scope).items()
                    for _ in range(n))
    assert {c["type"]: c["count"] for c in answer["relationshipCounts"]} == {
        kind: types[kind] for kind in ("PARTICIPATES_IN", "GOVERNS", "RUNS", "SUPPORTS",
                                       "SUPPLIES", "COLLABORATES_WITH", "AGREEMENT_WITH")}


@pytest.mark.parametrize("scope", SCOPES.values(), ids=SCOPES.keys())
def test_projection_structure_is_networkx_s(client: TestClient, scope: dict[str, Any]) -> None:
    answer = {p["projection"]: p for p in stats(client, scope)["projections"]}
    assert list(answer) == ["FULL", "ACTORS", "INITIATIVES", "GOVERNANCE", "SUPPLY"]
    for projection, got in answer.items():
        multi = sample_network().graph(projection, scope)
        simple = nx.DiGraph(multi) if multi.is_directed() else nx.Graph(multi)
        components = (list(nx.weakly_connected_components(simple)) if simple.is_directed()
                      else list(nx.connected_components(simple)))
        assert got["nodeCount"] == multi.number_of_nodes(), projection
        assert got["edgeCount"] == multi.number_of_edges(), projection
        assert got["density"] == pytest.approx(nx.density(simple)), projection
        assert got["components"] == len(components), projection
        assert got["largestComponent"] == max(map(len, components), default=0), projection


@pytest.mark.parametrize("scope", SCOPES.values(), ids=SCOPES.keys())
def test_counts_by_territory_roll_up(client: TestClient, scope: dict[str, Any]) -> None:
    sample = sample_network()
    expected: dict[str, Counter[str]] = {}
    for n in sample.in_scope(scope):
        label = sample.nodes[n]["label"]
        if label == "Program":
            continue
        for code in {a for t in sample.territories[n] for a in sample.territory_ancestors(t)}:
            expected.setdefault(code, Counter())[label] += 1
    answer = stats(client, scope)
    got = {t["code"]: Counter({"Initiative": t["initiatives"], "Firm": t["firms"],
                               "Institution": t["institutions"]}) for t in answer["byTerritory"]}
    assert {k: +v for k, v in got.items()} == expected
    countries = {t["code"] for t in answer["byCountry"]}
    assert countries == {code for code in expected if "-" not in code}
    assert all(t["level"] == "COUNTRY" for t in answer["byTerritory"] if t["code"] in countries)


def test_only_the_projections_asked_for_are_computed(client: TestClient) -> None:
    body = graphql(client, "{ stats { projections(only: [SUPPLY]) { projection edgeCount } } }")
    assert body["data"]["stats"]["projections"] == [{"projection": "SUPPLY", "edgeCount": 63}]


def test_an_unknown_code_in_the_stats_scope_is_named(client: TestClient) -> None:
    body = graphql(client, STATS, scope={"sectors": ["Q9"]})
    assert error_code(body) == "BAD_USER_INPUT"
    assert "Q9" in body["errors"][0]["message"]


def test_a_projection_too_big_is_null_and_the_others_are_there(
    driver: neo4j.Driver, neo4j_backend: Backend
) -> None:
    for small in sample_client(driver, neo4j_backend, max_network_edges=100):
        body = graphql(small, "{ stats { nodeCounts { count } projections(only: [SUPPLY, FULL]) "
                              "{ projection edgeCount } } }")
        assert body["data"]["stats"]["projections"] == [
            {"projection": "SUPPLY", "edgeCount": 63}, None]
        assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
            (["stats", "projections", 1], "QUERY_TOO_COMPLEX")]
