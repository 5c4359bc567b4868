"""brokerage: Gould-Fernandez roles against a brute-force count over all two-paths, Burt's
constraint and effective size against NetworkX, on the same edges the API serves."""

from collections.abc import Iterator
from itertools import permutations
from typing import Any

import neo4j
import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.neo4j_backends import Backend
from tests.service.api.sample_network import graphql, sample_client

NETWORK = """
query($projection: Projection!) {
  network(projection: $projection) {
    directed nodes { id kind country } edges { source target weight }
  }
}"""
BROKERAGE = """
query($projection: Projection!, $groupBy: GroupBy!) {
  brokerage(projection: $projection, groupBy: $groupBy) {
    id group coordinator gatekeeper representative itinerant liaison total
    constraint effectiveSize
  }
}"""


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    yield from sample_client(driver, neo4j_backend)


def brute_force_roles(network: dict[str, Any], group: dict[str, str]) -> dict[str, list[int]]:
    """Every ordered triple (a, b, c) of distinct nodes with a -> b -> c and no a -> c."""
    arcs = set()
    for e in network["edges"]:
        if e["source"] != e["target"]:
            arcs.add((e["source"], e["target"]))
            if not network["directed"]:
                arcs.add((e["target"], e["source"]))
    roles = {n["id"]: [0, 0, 0, 0, 0] for n in network["nodes"]}
    ids = [n["id"] for n in network["nodes"]]
    for a, b, c in permutations(ids, 3):
        if (a, b) not in arcs or (b, c) not in arcs or (a, c) in arcs:
            continue
        ga, gb, gc = group[a], group[b], group[c]
        # coordinator, gatekeeper, representative, itinerant, liaison
        if ga == gb == gc:
            roles[b][0] += 1
        elif gb == gc:
            roles[b][1] += 1
        elif ga == gb:
            roles[b][2] += 1
        elif ga == gc:
            roles[b][3] += 1
        else:
            roles[b][4] += 1
    return roles


@pytest.mark.parametrize(("projection", "group_by"), [
    ("ACTORS", "KIND"), ("GOVERNANCE", "COUNTRY"), ("SUPPLY", "COUNTRY"), ("SUPPLY", "KIND"),
])
def test_roles_match_a_brute_force_count_of_two_paths(
    client: TestClient, projection: str, group_by: str
) -> None:
    network = graphql(client, NETWORK, projection=projection)["data"]["network"]
    answer = graphql(client, BROKERAGE, projection=projection, groupBy=group_by)
    assert "errors" not in answer, answer["errors"]
    rows = answer["data"]["brokerage"]
    key = "kind" if group_by == "KIND" else "country"
    group = {n["id"]: n[key] or "NONE" for n in network["nodes"]}
    expected = brute_force_roles(network, group)
    found = {r["id"]: [r["coordinator"], r["gatekeeper"], r["representative"],
                       r["itinerant"], r["liaison"]] for r in rows}
    assert found == expected
    assert sum(map(sum, found.values())) > 0
    assert all(r["total"] == sum(found[r["id"]]) and r["group"] == group[r["id"]] for r in rows)
    totals = [r["total"] for r in rows]
    assert totals == sorted(totals, reverse=True)


def test_roles_by_level_put_firms_in_their_own_group(client: TestClient) -> None:
    rows = graphql(client, BROKERAGE, projection="ACTORS", groupBy="LEVEL")["data"]["brokerage"]
    groups = {r["group"] for r in rows}
    assert "FIRM" in groups
    assert groups - {"FIRM"} <= {"SUPRANATIONAL", "NATIONAL", "SUBNATIONAL", "LOCAL"}


@pytest.mark.parametrize("projection", ["ACTORS", "INITIATIVES", "FULL"])
def test_constraint_and_effective_size_are_networkx_s(
    client: TestClient, projection: str
) -> None:
    network = graphql(client, NETWORK, projection=projection)["data"]["network"]
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in network["nodes"])
    for e in network["edges"]:
        if e["source"] != e["target"]:
            weight = graph.get_edge_data(e["source"], e["target"], {}).get("weight", 0.0)
            graph.add_edge(e["source"], e["target"], weight=weight + e["weight"])
    constraint = nx.constraint(graph, weight="weight")
    # per node, NetworkX's definition; its all-nodes matrix shortcut (with SciPy) disagrees
    # with that definition on weighted graphs (NetworkX 3.6)
    effective = nx.effective_size(graph, nodes=list(graph), weight="weight")
    rows = graphql(client, BROKERAGE, projection=projection, groupBy="KIND")["data"]["brokerage"]
    for r in rows:
        if graph.degree(r["id"]) == 0:
            assert r["constraint"] is None and r["effectiveSize"] is None
        else:
            assert r["constraint"] == pytest.approx(constraint[r["id"]], rel=1e-9)
            assert r["effectiveSize"] == pytest.approx(effective[r["id"]], rel=1e-9)
