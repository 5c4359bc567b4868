"""Triangles, clustering, articulation points and bridges of the API against NetworkX."""

from __future__ import annotations

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.service.analytics.reference import ask

CLUSTERING = """query($projection: Projection!) {
  clustering(projection: $projection, top: 5000) {
    nodeCount triangleCount averageClustering items { id triangles coefficient rank } } }"""

CUTS = """query($projection: Projection!) {
  cutPoints(projection: $projection, top: 500) {
    articulationPointCount bridgeCount
    articulationPoints { id pieces cutOff } bridges { source target sides cutOff } } }"""


def check_clustering(client: TestClient, graph: nx.Graph, projection: str) -> None:
    answer = ask(client, CLUSTERING, projection=projection)["clustering"]
    triangles, coefficients = nx.triangles(graph), nx.clustering(graph)
    items = answer["items"]
    assert {i["id"]: i["triangles"] for i in items} == triangles
    assert max(abs(i["coefficient"] - coefficients[i["id"]]) for i in items) < 1e-9
    assert answer["triangleCount"] == sum(triangles.values()) // 3
    assert answer["averageClustering"] == pytest.approx(nx.average_clustering(graph))
    keys = [(i["triangles"], i["coefficient"]) for i in items]
    assert [i["rank"] for i in items] == [1 + sum(other > key for other in keys) for key in keys]


def _pieces(graph: nx.Graph, node: str) -> list[int]:
    component = nx.node_connected_component(graph, node)
    rest = graph.subgraph(component - {node})
    return sorted((len(c) for c in nx.connected_components(rest)), reverse=True)


def _sides(graph: nx.Graph, a: str, b: str) -> list[int]:
    component = graph.subgraph(nx.node_connected_component(graph, a)).copy()
    component.remove_edge(a, b)
    return sorted((len(c) for c in nx.connected_components(component)), reverse=True)


def check_cuts(client: TestClient, graph: nx.Graph, projection: str) -> None:
    answer = ask(client, CUTS, projection=projection)["cutPoints"]
    points = {p["id"]: p for p in answer["articulationPoints"]}
    assert set(points) == set(nx.articulation_points(graph))
    assert answer["articulationPointCount"] == len(points)
    for node, point in points.items():
        pieces = _pieces(graph, node)
        assert point["pieces"] == pieces, node
        assert point["cutOff"] == sum(pieces) - max(pieces)
    bridges = {(b["source"], b["target"]): b for b in answer["bridges"]}
    assert set(bridges) == {tuple(sorted(e)) for e in nx.bridges(graph)}
    assert answer["bridgeCount"] == len(bridges)
    for (a, b), bridge in bridges.items():
        assert bridge["sides"] == _sides(graph, a, b)
        assert bridge["cutOff"] == bridge["sides"][1]
    cut = [(-p["cutOff"], p["id"]) for p in answer["articulationPoints"]]
    assert cut == sorted(cut)
