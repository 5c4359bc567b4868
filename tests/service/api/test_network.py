"""`network`, `egoNetwork` and `shortestPath` on the sample, against the CSVs read in Python."""

from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import neo4j
import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.neo4j_backends import Backend
from tests.service.api.sample_network import (
    edge_multiset,
    error_code,
    frame,
    graphql,
    rounded,
    sample_client,
    sample_network,
)

PROJECTIONS = ("FULL", "ACTORS", "INITIATIVES", "GOVERNANCE", "SUPPLY")
SCOPES: dict[str, dict[str, Any]] = {
    "everything": {},
    "country": {"countries": ["CO"]},
    "two countries": {"countries": ["MX", "PE"]},
    "territory subtree": {"territories": ["CO-ANT-05001", "CL-BI"]},
    "initiative types": {"initiativeTypes": ["CLUSTER", "SUPPLIER_DEVELOPMENT"]},
    "sector subtree": {"sectors": ["C"]},
    "sector division": {"sectors": ["16", "0122"]},
    "actor kinds": {"actorKinds": ["FIRM", "ACADEMIA"]},
    "year": {"year": 2015},
    "year before the planned start": {"year": 2026},
    "everything at once": {"countries": ["CO", "MX"], "territories": ["CO-ANT"],
                           "initiativeTypes": ["CLUSTER", "VALUE_CHAIN"], "sectors": ["C", "A"],
                           "actorKinds": ["FIRM", "GOVERNMENT", "ACADEMIA"], "year": 2020},
}

NETWORK = """
query ($projection: Projection!, $scope: ScopeInput) {
  network(projection: $projection, scope: $scope) {
    projection directed nodeCount edgeCount
    nodes { id name label kind country }
    edges { source target type weight }
    cytoscape
  }
}"""
EGO = """
query ($id: ID!, $depth: Int!, $projection: Projection!, $scope: ScopeInput) {
  egoNetwork(id: $id, depth: $depth, projection: $projection, scope: $scope) {
    nodes { id } edges { source target type weight }
  }
}"""
PATH = """
query ($from: ID!, $to: ID!, $projection: Projection!, $scope: ScopeInput) {
  shortestPath(from: $from, to: $to, projection: $projection, scope: $scope) {
    nodeCount nodes { id } edges { source target type weight }
  }
}"""


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    yield from sample_client(driver, neo4j_backend)


def network(client: TestClient, projection: str, scope: dict[str, Any]) -> dict[str, Any]:
    body = graphql(client, NETWORK, projection=projection, scope=scope)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["network"]
    return result


@pytest.mark.parametrize("scope", SCOPES.values(), ids=SCOPES.keys())
@pytest.mark.parametrize("projection", PROJECTIONS)
def test_the_network_is_the_projection_of_the_csv_files(
    client: TestClient, projection: str, scope: dict[str, Any]
) -> None:
    expected = sample_network()
    answer = network(client, projection, scope)
    assert {n["id"] for n in answer["nodes"]} == expected.nodes_of(projection, scope)
    assert edge_multiset(answer["edges"]) == rounded(expected.edges_of(projection, scope))
    assert answer["nodeCount"] == len(answer["nodes"])
    assert answer["edgeCount"] == len(answer["edges"])
    assert answer["directed"] is (projection == "SUPPLY")
    assert answer["projection"] == projection


def test_every_scope_field_cuts_something(client: TestClient) -> None:
    everything = network(client, "FULL", {})
    for name, scope in SCOPES.items():
        if scope:
            cut = network(client, "FULL", scope)
            assert 0 < cut["nodeCount"] < everything["nodeCount"], name


def test_nodes_say_what_they_are(client: TestClient) -> None:
    nodes = {n["id"]: n for n in network(client, "FULL", {})["nodes"]}
    assert nodes["INI-CO-001"] == {"id": "INI-CO-001", "label": "Initiative", "kind": "CLUSTER",
                                   "country": "CO",
                                   "name": "Clúster de Energía Sostenible de Medellín"}
    assert nodes["FIRM-MX-001"]["kind"] == "FIRM"
    assert nodes["INST-CO-UDEA"]["kind"] == "ACADEMIA"
    assert nodes["INST-INT-CAF"]["country"] is None
    assert nodes["PROG-PE-001"]["label"] == "Program"
    assert len(nodes) == 15 + 75 + 36 + 10


ATTRIBUTES = """{ network(projection: FULL) {
  nodes { id entity territory sectors firmSize level } cytoscape } }"""


def joined(cell: str) -> str | None:
    """A multi-valued CSV cell as the API gives it: sorted, ';'-joined, null when empty."""
    return ";".join(sorted({c for c in cell.split(";") if c})) or None


def test_nodes_carry_their_territories_sectors_size_and_level(client: TestClient) -> None:
    """Every node of the whole network against the sample's CSV files."""
    expected: dict[str, dict[str, Any]] = {}
    for r in frame("initiatives").to_dict("records"):
        expected[r["id"]] = {"entity": "Initiative", "territory": joined(r["territory_codes"]),
                             "sectors": joined(r["sector_codes"]), "firmSize": None,
                             "level": None}
    for r in frame("firms").to_dict("records"):
        expected[r["id"]] = {"entity": "Firm", "territory": r["territory_code"],
                             "sectors": joined(r["sector_codes"]), "firmSize": r["size"] or None,
                             "level": None}
    for r in frame("institutions").to_dict("records"):
        expected[r["id"]] = {"entity": "Institution", "territory": r["territory_code"] or None,
                             "sectors": None, "firmSize": None, "level": r["level"]}
    for r in frame("programs").to_dict("records"):
        expected[r["id"]] = dict.fromkeys(("territory", "sectors", "firmSize", "level"),
                                          None) | {"entity": "Program"}
    body = graphql(client, ATTRIBUTES)
    assert "errors" not in body, body
    answer = body["data"]["network"]
    assert {n["id"]: {k: v for k, v in n.items() if k != "id"}
            for n in answer["nodes"]} == expected
    assert [{k: e["data"][k] for k in ("entity", "territory", "sectors", "firm_size", "level")}
            for e in answer["cytoscape"]["nodes"]] == [
        {"entity": n["entity"], "territory": n["territory"], "sectors": n["sectors"],
         "firm_size": n["firmSize"], "level": n["level"]} for n in answer["nodes"]]


def test_the_cytoscape_elements_are_the_nodes_and_edges(client: TestClient) -> None:
    answer = network(client, "FULL", {})
    elements = answer["cytoscape"]
    assert [e["data"]["id"] for e in elements["nodes"]] == [n["id"] for n in answer["nodes"]]
    assert [e["data"]["label"] for e in elements["nodes"]] == [n["name"] for n in answer["nodes"]]
    assert [e["data"]["kind"] for e in elements["nodes"]] == [n["kind"] for n in answer["nodes"]]
    assert edge_multiset([e["data"] for e in elements["edges"]]) == edge_multiset(answer["edges"])
    ids = [e["data"]["id"] for e in elements["edges"]]
    assert len(set(ids)) == len(ids)


def test_the_sample_readme_facts_show_in_the_projections(client: TestClient) -> None:
    initiatives = network(client, "INITIATIVES", {})
    pairs = {frozenset((e["source"], e["target"])): e for e in initiatives["edges"]}
    assert frozenset(("INI-CL-001", "INI-CL-002")) not in pairs  # gap 3: they ignore each other
    assert pairs[frozenset(("INI-MX-001", "INI-MX-002"))]["type"] in (
        "COLLABORATES_WITH", "SHARES_ACTORS_AND_COLLABORATES")
    governance = network(client, "GOVERNANCE", {})
    linked = {e["target"] for e in governance["edges"] if e["type"] == "GOVERNS"}
    assert "INI-CO-004" not in linked  # gap 1: nobody governs it
    assert "INI-CO-004" in {n["id"] for n in governance["nodes"]}
    supply = network(client, "SUPPLY", {})
    assert {"source": "FIRM-CL-003", "target": "FIRM-CL-010", "type": "SUPPLIES",
            "weight": 0.03} in supply["edges"]


def test_unknown_codes_are_named(client: TestClient) -> None:
    for scope, code in (({"countries": ["ZZ"]}, "ZZ"), ({"countries": ["CO-ANT"]}, "CO-ANT"),
                        ({"territories": ["CO", "CO-XXX"]}, "CO-XXX"),
                        ({"sectors": ["9999"]}, "9999")):
        body = graphql(client, NETWORK, projection="FULL", scope=scope)
        assert error_code(body) == "BAD_USER_INPUT"
        assert code in body["errors"][0]["message"]


def test_a_bad_enum_or_year_is_refused(client: TestClient) -> None:
    body = graphql(client, NETWORK, projection="FULL", scope={"initiativeTypes": ["GUILD"]})
    assert error_code(body) == "BAD_USER_INPUT"
    assert "GUILD" in body["errors"][0]["message"]
    body = graphql(client, NETWORK, projection="FULL", scope={"year": 99999})
    assert error_code(body) == "BAD_USER_INPUT"


def pairings(projection: str) -> int:
    """The pairs ACTORS (INITIATIVES) aggregates before merging those met twice: per
    initiative (actor), the pairs of the actors (initiatives) it joins, from the CSVs."""
    joined: dict[str, set[str]] = {}
    for link in sample_network().links:
        if link.type in ("PARTICIPATES_IN", "GOVERNS"):
            group, member = ((link.target, link.source) if projection == "ACTORS"
                             else (link.source, link.target))
            joined.setdefault(group, set()).add(member)
    return sum(len(m) * (len(m) - 1) // 2 for m in joined.values())


def test_too_big_a_network_asks_for_a_narrower_scope_naming_the_limit(
    driver: neo4j.Driver, neo4j_backend: Backend
) -> None:
    for small in sample_client(driver, neo4j_backend, max_network_edges=50):
        body = graphql(small, NETWORK, projection="FULL", scope={})
        assert error_code(body) == "QUERY_TOO_COMPLEX"
        error = body["errors"][0]
        assert "more than 50 edges" in error["message"]
        assert "ARTICULA_MAX_NETWORK_EDGES" in error["message"]
        assert "Narrow the scope" in error["message"]
        assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "limit": 50,
                                       "setting": "ARTICULA_MAX_NETWORK_EDGES"}
        assert "errors" not in graphql(small, NETWORK, projection="SUPPLY",
                                       scope={"countries": ["CL"]})
        response = small.get("/export/gexf?projection=FULL")
        assert response.status_code == 400
        assert response.json()["code"] == "QUERY_TOO_COMPLEX"


@pytest.mark.parametrize(("projection", "nodes", "through"), [
    ("ACTORS", "actors", "initiative"), ("INITIATIVES", "initiatives", "actor")])
def test_the_pair_guard_names_the_pairs_it_counts_not_edges(
    driver: neo4j.Driver, neo4j_backend: Backend, projection: str, nodes: str, through: str
) -> None:
    pairs = pairings(projection)
    limit = pairs // 8  # the guard allows 4 times the edge limit
    assert limit >= 1
    for small in sample_client(driver, neo4j_backend, max_network_edges=limit):
        body = graphql(small, NETWORK, projection=projection, scope={})  # before the work
        assert error_code(body) == "QUERY_TOO_COMPLEX"
        error = body["errors"][0]
        assert f"pairs {nodes} {pairs:,} times (each pair once per {through} the two share)" in (
            error["message"])
        assert f"more than the {4 * limit:,} pairings" in error["message"]
        assert "edges" not in error["message"]
        assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "pairs": pairs,
                                       "limit": 4 * limit,
                                       "setting": "ARTICULA_MAX_NETWORK_EDGES"}


TOP = """query ($projection: Projection!, $scope: ScopeInput, $top: Int) {
  network(projection: $projection, scope: $scope, top: $top) {
    nodeCount edgeCount scopeNodeCount nodes { id } edges { source target type weight } } }"""
STORED_TYPES = ("PARTICIPATES_IN", "GOVERNS", "RUNS", "SUPPORTS", "SUPPLIES",
                "COLLABORATES_WITH", "AGREEMENT_WITH")


@pytest.mark.parametrize(("projection", "scope", "top"), [
    ("FULL", {}, 12), ("ACTORS", {}, 9), ("INITIATIVES", {"countries": ["CO", "MX"]}, 4),
    ("SUPPLY", {}, 1000)])
def test_top_keeps_the_most_connected_nodes_and_the_edges_among_them(
    client: TestClient, projection: str, scope: dict[str, Any], top: int
) -> None:
    expected = sample_network()
    degree = Counter(end for link in expected.links if link.type in STORED_TYPES
                     for end in (link.source, link.target))
    nodes = expected.nodes_of(projection, scope)
    kept = sorted(nodes, key=lambda n: (-degree[n], n))[:top]
    body = graphql(client, TOP, projection=projection, scope=scope, top=top)
    assert "errors" not in body, body
    answer = body["data"]["network"]
    assert {n["id"] for n in answer["nodes"]} == set(kept)
    assert answer["scopeNodeCount"] == len(nodes)
    assert answer["nodeCount"] == min(top, len(nodes))
    among = {e: c for e, c in rounded(expected.edges_of(projection, scope)).items()
             if e[0] in kept and e[1] in kept}
    assert edge_multiset(answer["edges"]) == among
    assert answer["edgeCount"] == sum(among.values())


def test_top_must_be_positive(client: TestClient) -> None:
    body = graphql(client, TOP, projection="FULL", scope={}, top=0)
    assert error_code(body) == "BAD_USER_INPUT"


def nx_graph(projection: str, scope: dict[str, Any]) -> nx.MultiGraph | nx.MultiDiGraph:
    return sample_network().graph(projection, scope)


@pytest.mark.parametrize(("projection", "node", "depth", "scope"), [
    ("FULL", "INI-CO-004", 1, {}),
    ("FULL", "FIRM-CO-001", 2, {"year": 2020}),
    ("ACTORS", "INST-CO-UDEA", 1, {}),
    ("ACTORS", "FIRM-MX-005", 3, {"countries": ["MX"]}),
    ("INITIATIVES", "INI-CO-001", 2, {}),
    ("GOVERNANCE", "INST-MX-GOBNL", 2, {"actorKinds": ["GOVERNMENT"]}),
    ("SUPPLY", "FIRM-MX-002", 1, {}),
    ("SUPPLY", "FIRM-MX-003", 3, {}),
])
def test_the_ego_network_is_networkx_s(
    client: TestClient, projection: str, node: str, depth: int, scope: dict[str, Any]
) -> None:
    body = graphql(client, EGO, id=node, depth=depth, projection=projection, scope=scope)
    assert "errors" not in body, body
    ego = body["data"]["egoNetwork"]
    g = nx_graph(projection, scope)
    inside = set(nx.ego_graph(g, node, radius=depth, undirected=True).nodes)
    assert {n["id"] for n in ego["nodes"]} == inside
    expected = Counter({e: n for e, n in sample_network().edges_of(projection, scope).items()
                        if e[0] in inside and e[1] in inside})
    assert edge_multiset(ego["edges"]) == rounded(expected)


def test_ego_network_errors(client: TestClient) -> None:
    for depth in (0, 4):
        body = graphql(client, EGO, id="INI-CO-001", depth=depth, projection="FULL", scope={})
        assert error_code(body) == "BAD_USER_INPUT"
    body = graphql(client, EGO, id="INI-XX-999", depth=1, projection="FULL", scope={})
    assert error_code(body) == "NOT_FOUND"
    assert "INI-XX-999" in body["errors"][0]["message"]
    body = graphql(client, EGO, id="PROG-CO-001", depth=1, projection="ACTORS", scope={})
    assert error_code(body) == "BAD_USER_INPUT"
    body = graphql(client, EGO, id="INI-CO-001", depth=1, projection="FULL",
                   scope={"countries": ["PE"]})
    assert error_code(body) == "BAD_USER_INPUT"


@pytest.mark.parametrize(("projection", "source", "target", "scope"), [
    ("FULL", "FIRM-CL-003", "INST-INT-CAF", {}),
    ("FULL", "INI-CO-004", "INI-PE-002", {}),
    ("ACTORS", "FIRM-CO-001", "INST-CO-ALCJAR", {}),
    ("INITIATIVES", "INI-CO-002", "INI-CO-004", {"year": 2021}),
    ("GOVERNANCE", "INST-PE-MIDAGRI", "INST-PE-GOREPIU", {}),
    ("SUPPLY", "FIRM-MX-003", "FIRM-MX-001", {}),
])
def test_the_shortest_path_is_as_short_as_networkx_s(
    client: TestClient, projection: str, source: str, target: str, scope: dict[str, Any]
) -> None:
    g = nx_graph(projection, scope)
    body = graphql(client, PATH, **{"from": source, "to": target}, projection=projection,
                   scope=scope)
    assert "errors" not in body, body
    path = body["data"]["shortestPath"]
    if not nx.has_path(g, source, target):
        assert path is None
        return
    ids = [n["id"] for n in path["nodes"]]
    assert ids[0] == source and ids[-1] == target
    assert len(ids) - 1 == nx.shortest_path_length(g, source, target)
    assert len(path["edges"]) == len(ids) - 1
    for (a, b), edge in zip(pairwise(ids), path["edges"], strict=True):
        ends = (edge["source"], edge["target"])
        assert ends == (a, b) or (projection != "SUPPLY" and ends == (b, a))
        assert g.has_edge(*ends)


def test_no_path_is_null(client: TestClient) -> None:
    g = nx_graph("SUPPLY", {})
    assert not nx.has_path(g, "FIRM-MX-001", "FIRM-MX-003")  # against the supply direction
    body = graphql(client, PATH, **{"from": "FIRM-MX-001", "to": "FIRM-MX-003"},
                   projection="SUPPLY", scope={})
    assert body == {"data": {"shortestPath": None}}
    body = graphql(client, PATH, **{"from": "FIRM-CO-001", "to": "FIRM-MX-001"},
                   projection="SUPPLY", scope={})
    assert body["data"]["shortestPath"] is None


def test_shortest_path_errors(client: TestClient) -> None:
    body = graphql(client, PATH, **{"from": "FIRM-CO-001", "to": "NOPE"}, projection="FULL",
                   scope={})
    assert error_code(body) == "NOT_FOUND"
    assert "NOPE" in body["errors"][0]["message"]
    body = graphql(client, PATH, **{"from": "FIRM-CO-001", "to": "INI-CO-001"},
                   projection="SUPPLY", scope={})
    assert error_code(body) == "BAD_USER_INPUT"
