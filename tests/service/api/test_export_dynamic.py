"""`/export/gexf?from=…&to=…`: a dynamic GEXF whose nodes and edges carry, as spells, the
years they are in the `network` of the scope cut at each year."""

import io
from collections import defaultdict
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from service.export.timeline import spells
from tests.service.analytics.reference import ask

YEAR = """query ($projection: Projection!, $scope: ScopeInput) {
  network(projection: $projection, scope: $scope) { nodes { id name } edges { source target } } }"""


def test_spells_are_runs_of_consecutive_years() -> None:
    assert spells([2001, 2002, 2003, 2007, 2009, 2010]) == [(2001, 2003), (2007, 2007),
                                                           (2009, 2010)]
    assert spells([]) == []


@pytest.mark.parametrize(("projection", "query"), [
    ("ACTORS", "countries=CO"),
    ("SUPPLY", "countries=MX&countries=BR"),
])
def test_each_node_and_edge_has_the_spells_of_the_years_it_is_in(
        sample_client: TestClient, projection: str, query: str) -> None:
    response = sample_client.get(f"/export/gexf?projection={projection}&{query}"
                                 "&from=2008&to=2024")
    assert response.status_code == 200, response.text
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert graph.graph["mode"] == "dynamic"
    scope: dict[str, Any] = {"countries": [v.split("=")[1] for v in query.split("&")]}
    node_years: dict[str, list[int]] = defaultdict(list)
    edge_years: dict[tuple[str, ...], list[int]] = defaultdict(list)
    names: dict[str, str] = {}
    for year in range(2008, 2025):
        found = ask(sample_client, YEAR, projection=projection,
                    scope={**scope, "year": year})["network"]
        for n in found["nodes"]:
            node_years[n["id"]].append(year)
            names[n["id"]] = n["name"]
        for e in found["edges"]:
            key = ((e["source"], e["target"]) if graph.is_directed()
                   else tuple(sorted((e["source"], e["target"]))))
            edge_years[key].append(year)
    assert {n: d["spells"] for n, d in graph.nodes(data=True)} \
        == {n: spells(years) for n, years in node_years.items()}
    assert {n: d["label"] for n, d in graph.nodes(data=True)} == names
    found_edges = {((u, v) if graph.is_directed() else tuple(sorted((u, v)))): d["spells"]
                   for u, v, d in graph.edges(data=True)}
    assert found_edges == {k: spells(v) for k, v in edge_years.items()}
    assert any(len(s) > 0 and s[0][0] > 2008 for s in found_edges.values()), \
        "some ties start within the span"
