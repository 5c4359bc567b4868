"""`evolution` gives, year by year, what NetworkX computes on that year's snapshot (the
`network` of the scope cut at the year)."""

from collections import Counter
from datetime import UTC, datetime
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.neo4j_backends import Backend
from tests.service.analytics.reference import ask, errors_of
from tests.service.hostile.served_app import post, served

EVOLUTION = """query ($projection: Projection!, $scope: ScopeInput, $from: Int, $to: Int) {
  evolution(projection: $projection, scope: $scope, from: $from, to: $to) {
    years { year nodes edges density components largestComponentShare modularity
            degreeCentralization initiativesStarted initiativesEnded }
    provenance { parameters seed projection scope graphVersion } } }"""

SNAPSHOT = """query ($projection: Projection!, $scope: ScopeInput) {
  network(projection: $projection, scope: $scope) { directed nodes { id }
                                                     edges { source target weight } }
  communities(algorithm: LOUVAIN, projection: $projection, scope: $scope, top: 10000) {
    communities { members { id } } } }"""


def snapshot(client: TestClient, projection: str, scope: dict[str, Any]
             ) -> tuple[nx.Graph, list[set[str]]]:
    """The year's simple graph as docs/analytics.md builds it, and its Louvain partition."""
    found = ask(client, SNAPSHOT, projection=projection, scope=scope)
    graph: nx.Graph = nx.DiGraph() if found["network"]["directed"] else nx.Graph()
    graph.add_nodes_from(n["id"] for n in found["network"]["nodes"])
    for e in found["network"]["edges"]:
        if e["source"] == e["target"]:
            continue
        before = graph.get_edge_data(e["source"], e["target"], {"weight": 0.0})["weight"]
        graph.add_edge(e["source"], e["target"], weight=before + e["weight"])
    partition = [{m["id"] for m in c["members"]} for c in found["communities"]["communities"]]
    return graph, partition


def freeman(graph: nx.Graph) -> float:
    simple = nx.Graph(graph)
    n = simple.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in simple.degree()]
    return sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2))


@pytest.mark.parametrize(("projection", "scope", "first", "last"), [
    ("ACTORS", {"countries": ["CO"]}, 2008, 2024),
    ("INITIATIVES", {}, 2014, 2020),
    ("SUPPLY", {"countries": ["MX", "BR"]}, 2014, 2022),
    ("FULL", {"countries": ["PE"]}, 2012, 2020),
])
def test_each_year_is_what_networkx_computes_on_that_years_snapshot(
        sample_client: TestClient, projection: str, scope: dict[str, Any], first: int,
        last: int) -> None:
    found = ask(sample_client, EVOLUTION, projection=projection, scope=scope,
                **{"from": first, "to": last})["evolution"]
    assert [y["year"] for y in found["years"]] == list(range(first, last + 1))
    # FULL and GOVERNANCE graphs are analysed unweighted (docs/analytics.md)
    weight = None if projection in ("FULL", "GOVERNANCE") else "weight"
    initiatives = ask(sample_client, """query ($countries: [String!]) {
        initiatives(first: 500, filter: {countries: $countries}) {
          edges { node { startYear endYear } } } }""", countries=scope.get("countries"))
    years = [e["node"] for e in initiatives["initiatives"]["edges"]]
    started, ended = Counter(i["startYear"] for i in years), Counter(i["endYear"] for i in years)
    grew = False
    for entry in found["years"]:
        graph, partition = snapshot(sample_client, projection,
                                    {**scope, "year": entry["year"]})
        sizes = [len(c) for c in (nx.weakly_connected_components(graph) if graph.is_directed()
                                  else nx.connected_components(graph))]
        assert entry["nodes"] == graph.number_of_nodes()
        assert entry["density"] == pytest.approx(nx.density(graph))
        assert entry["components"] == len(sizes)
        assert entry["largestComponentShare"] == pytest.approx(
            max(sizes) / graph.number_of_nodes() if sizes else 0.0)
        assert entry["degreeCentralization"] == pytest.approx(freeman(graph))
        if graph.number_of_edges() and not graph.is_directed():
            assert entry["modularity"] == pytest.approx(
                nx.community.modularity(graph, partition, weight=weight), abs=1e-9)
        assert entry["initiativesStarted"] == started[entry["year"]]
        assert entry["initiativesEnded"] == ended[entry["year"]]
        grew = grew or entry["nodes"] > found["years"][0]["nodes"]
    assert grew, "the sample's networks grow over these years"
    assert found["provenance"]["parameters"]["from"] == first
    assert found["provenance"]["scope"] == scope


def test_the_edges_of_a_year_are_the_networks_edges(sample_client: TestClient) -> None:
    found = ask(sample_client, EVOLUTION, projection="FULL", scope={"countries": ["CL"]},
                **{"from": 2020, "to": 2020})["evolution"]
    network = ask(sample_client, """{ network(projection: FULL,
        scope: {countries: ["CL"], year: 2020}) { edgeCount } }""")["network"]
    assert found["years"][0]["edges"] == network["edgeCount"] > 0


def test_by_default_the_years_run_from_the_first_start_to_this_year(
        sample_client: TestClient) -> None:
    found = ask(sample_client, EVOLUTION, projection="INITIATIVES",
                scope={"countries": ["CO"]})["evolution"]
    starts = ask(sample_client, """{ initiatives(first: 500, filter: {countries: ["CO"]}) {
        edges { node { startYear } } } }""")["initiatives"]["edges"]
    first = min(e["node"]["startYear"] for e in starts if e["node"]["startYear"])
    assert found["years"][0]["year"] == first
    assert found["years"][-1]["year"] == datetime.now(UTC).year


@pytest.mark.parametrize(("arguments", "field"), [
    ({"from": 2020, "to": 2010}, "from"),
    ({"from": 1900, "to": 2020}, "to"),
    ({"from": 2010, "to": 2020, "scope": {"year": 2015}}, "scope"),
    ({"from": 1700, "to": 1710}, "from"),
])
def test_a_wrong_span_is_refused_naming_the_argument(sample_client: TestClient,
                                                     arguments: dict[str, Any],
                                                     field: str) -> None:
    [error] = errors_of(sample_client, EVOLUTION, projection="ACTORS", **arguments)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field


def test_a_network_past_the_limits_is_refused_before_any_year_runs(
        sample_client: TestClient, neo4j_backend: Backend) -> None:
    settings = neo4j_backend.settings.model_copy(update={"max_network_edges": 20})
    with served(settings) as (url, app):
        before = Counter(app.state.db.statements)
        answer = post(url, EVOLUTION, {"projection": "FULL", "from": 2000, "to": 2024}).json()
        sent = app.state.db.statements - before
    [error] = answer["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert sent["network/graph"] == 1  # the projection over every year, and no year's
    assert not any(name.startswith("analytics/") for name in sent), sent
