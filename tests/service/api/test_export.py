"""`GET /export/{format}`: files NetworkX and pandas read back into the `network` answer."""

import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

import neo4j
import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.neo4j_backends import Backend
from tests.service.api.sample_network import (
    edge_multiset,
    graphql,
    rounded,
    sample_client,
    sample_network,
)
from tests.service.api.test_network import NETWORK

CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "full": ("FULL", {}),
    "actors in two countries": ("ACTORS", {"countries": ["CO", "MX"], "year": 2020}),
    "initiatives": ("INITIATIVES", {"initiativeTypes": ["CLUSTER", "VALUE_CHAIN"]}),
    "governance in a subtree": ("GOVERNANCE", {"territories": ["CO-ANT"]}),
    "supply by sector and kind": ("SUPPLY", {"sectors": ["C"], "actorKinds": ["FIRM"]}),
}
PARAMETERS = {"countries": "countries", "territories": "territories",
              "initiativeTypes": "initiativeTypes", "sectors": "sectors",
              "actorKinds": "actorKinds", "year": "year"}


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    yield from sample_client(driver, neo4j_backend)


def query(projection: str, scope: dict[str, Any]) -> list[tuple[str, str]]:
    out = [("projection", projection)]
    for name, value in scope.items():
        out += [(name, str(v)) for v in value] if isinstance(value, list) else [(name, str(value))]
    return out


def answer(client: TestClient, projection: str, scope: dict[str, Any]) -> dict[str, Any]:
    body = graphql(client, NETWORK, projection=projection, scope=scope)
    result: dict[str, Any] = body["data"]["network"]
    return result


def nx_edges(g: nx.Graph) -> Counter[tuple[str, str, str, float]]:
    out: Counter[tuple[str, str, str, float]] = Counter()
    for s, t, data in g.edges(data=True):
        kind = data.get("type", data.get("label"))
        a, b = sorted((s, t))
        out[(a, b, kind, round(data["weight"], 9))] += 1
    return out


def unordered(edges: Counter[tuple[str, str, str, float]],
              directed: bool) -> Counter[tuple[str, str, str, float]]:
    if directed:
        return edges
    out: Counter[tuple[str, str, str, float]] = Counter()
    for (s, t, kind, w), n in edges.items():
        a, b = sorted((s, t))
        out[(a, b, kind, w)] += n
    return out


@pytest.mark.parametrize(("projection", "scope"), CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("format", ["graphml", "gexf"])
def test_graph_files_read_back_into_the_network(
    client: TestClient, format: str, projection: str, scope: dict[str, Any]
) -> None:
    response = client.get(f"/export/{format}", params=query(projection, scope))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == f"application/{format}+xml"
    assert (response.headers["content-disposition"]
            == f'attachment; filename="articula-{projection.lower()}.{format}"')
    read = nx.read_graphml if format == "graphml" else nx.read_gexf
    g = read(io.BytesIO(response.content))
    directed = projection == "SUPPLY"
    assert g.is_directed() is directed
    network = answer(client, projection, scope)
    assert set(g.nodes) == {n["id"] for n in network["nodes"]}
    assert set(g.nodes) == sample_network().nodes_of(projection, scope)
    if directed:
        got = Counter((s, t, d.get("type", d.get("label")), round(d["weight"], 9))
                      for s, t, d in g.edges(data=True))
    else:
        got = nx_edges(g)
    assert got == unordered(edge_multiset(network["edges"]), directed)
    assert got == unordered(rounded(sample_network().edges_of(projection, scope)), directed)
    for n in network["nodes"]:
        data = g.nodes[n["id"]]
        if format == "graphml":
            assert (data["name"], data["label"], data["kind"]) == (n["name"], n["label"],
                                                                   n["kind"])
        else:
            assert (data["label"], data["entity"], data["kind"]) == (n["name"], n["label"],
                                                                     n["kind"])
        assert data.get("country") == n["country"]


@pytest.mark.parametrize(("projection", "scope"), CASES.values(), ids=CASES.keys())
def test_the_csv_edge_list_is_the_network_s_edges(
    client: TestClient, projection: str, scope: dict[str, Any]
) -> None:
    response = client.get("/export/csv", params=query(projection, scope))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.BytesIO(response.content), dtype={"source": str, "target": str})
    assert list(frame.columns) == ["source", "target", "type", "weight"]
    got = Counter((r.source, r.target, r.type, round(float(r.weight), 9))
                  for r in frame.itertuples())
    assert got == edge_multiset(answer(client, projection, scope)["edges"])
    assert got == rounded(sample_network().edges_of(projection, scope))


def test_comma_separated_values_work_like_repeated_parameters(client: TestClient) -> None:
    one = client.get("/export/csv?projection=actors&countries=CO,MX&year=2020")
    two = client.get("/export/csv?projection=ACTORS&countries=CO&countries=MX&year=2020")
    assert one.status_code == two.status_code == 200
    assert one.content == two.content


@pytest.mark.parametrize("url", [
    "/export/pdf",
    "/export/csv?projection=TREES",
    "/export/csv?countries=ZZ",
    "/export/csv?territories=CO-ANT-99999",
    "/export/csv?sectors=ZZZ",
    "/export/csv?initiativeTypes=GUILD",
    "/export/csv?actorKinds=ROBOT",
    "/export/csv?year=last",
    "/export/csv?year=2020&year=2021",
    "/export/csv?country=CO",
])
def test_bad_parameters_are_400_with_a_code(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "BAD_USER_INPUT"
    assert body["message"]
