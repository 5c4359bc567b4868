"""Independent references for the analytics tests: the projection's edges as the `network`
field returns them, turned into a NetworkX graph the way docs/analytics.md says (one edge per
linked pair, weights summed, no self-loops), and reference computations NetworkX lacks."""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
from fastapi.testclient import TestClient

WEIGHTED = {"ACTORS", "INITIATIVES", "SUPPLY"}


def ask(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    answer = client.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in answer, answer["errors"]
    data: dict[str, Any] = answer["data"]
    return data


def errors_of(client: TestClient, query: str, **variables: Any) -> list[dict[str, Any]]:
    answer = client.post("/graphql", json={"query": query, "variables": variables}).json()
    errors: list[dict[str, Any]] = answer.get("errors", [])
    return errors


NETWORK = """query($projection: Projection!) { network(projection: $projection) {
  directed nodes { id } edges { source target weight } } }"""


def reference_graph(client: TestClient, projection: str) -> nx.Graph:
    network = ask(client, NETWORK, projection=projection)["network"]
    graph: nx.Graph = nx.DiGraph() if network["directed"] else nx.Graph()
    graph.add_nodes_from(n["id"] for n in network["nodes"])
    for e in network["edges"]:
        s, t, w = e["source"], e["target"], float(e["weight"])
        if s == t:
            continue
        if graph.has_edge(s, t):
            graph[s][t]["weight"] += w
        else:
            graph.add_edge(s, t, weight=w)
    return graph


def article_rank(graph: nx.Graph, weighted: bool, damping: float = 0.85,
                 iterations: int = 2000) -> dict[str, float]:
    """ArticleRank as GDS documents it: AR(v) = (1 - d) + d * sum over in-neighbours u of
    AR(u) * w(u, v) / (W_out(u) + mean out-degree), where W_out is the (weighted) out-degree
    and the mean is of the unweighted out-degrees."""
    nodes = list(graph.nodes)
    a = nx.to_numpy_array(graph, nodelist=nodes, weight="weight" if weighted else None)
    out = a.sum(axis=1)
    mean_degree = (a > 0).sum(axis=1).mean()
    x = np.full(len(nodes), 1 - damping)
    for _ in range(iterations):
        x = (1 - damping) + damping * (a / (out + mean_degree)[:, None]).T @ x
    return dict(zip(nodes, x.tolist(), strict=True))
