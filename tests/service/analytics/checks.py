"""Every centrality of the API against NetworkX on the same edges, for any loaded graph."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.service.analytics.reference import WEIGHTED, article_rank, ask

CENTRALITY = """query($metric: CentralityMetric!, $projection: Projection!, $top: Int!,
                      $normalized: Boolean!) {
  centrality(metric: $metric, projection: $projection, top: $top, normalized: $normalized) {
    nodeCount items { id score rank } distribution { count min max mean p50 }
    provenance { algorithm parameters projection graphVersion cached } } }"""

Reference = Callable[[nx.Graph, bool, bool], dict[str, float]]


def _degree(g: nx.Graph, weighted: bool, normalized: bool) -> dict[str, float]:
    degrees = dict(g.degree(weight="weight" if weighted else None))
    n = g.number_of_nodes()
    return {k: v / (n - 1) for k, v in degrees.items()} if normalized else degrees


def _harmonic(g: nx.Graph, weighted: bool, normalized: bool) -> dict[str, float]:
    scores = nx.harmonic_centrality(g)
    n = g.number_of_nodes()
    return {k: v / (n - 1) for k, v in scores.items()} if normalized else scores


REFERENCES: dict[str, tuple[Reference, float]] = {
    "DEGREE": (_degree, 1e-9),
    "PAGERANK": (lambda g, w, _: nx.pagerank(g, weight="weight" if w else None, tol=1e-12,
                                             max_iter=10_000), 1e-4),
    "ARTICLE_RANK": (lambda g, w, _: article_rank(g, w), 1e-4),
    "EIGENVECTOR": (lambda g, w, _: nx.eigenvector_centrality(g, max_iter=10_000, tol=1e-12),
                    1e-4),
    "BETWEENNESS": (lambda g, w, normalized: nx.betweenness_centrality(
        g, normalized=normalized), 1e-6),
    "CLOSENESS": (lambda g, w, _: nx.closeness_centrality(g), 1e-9),
    "HARMONIC": (_harmonic, 1e-9),
}


def check_centrality(client: TestClient, graph: nx.Graph, projection: str, metric: str,
                     normalized: bool = False) -> None:
    n = graph.number_of_nodes()
    answer = ask(client, CENTRALITY, metric=metric, projection=projection, top=n,
                 normalized=normalized)["centrality"]
    assert answer["nodeCount"] == n
    got = {i["id"]: i["score"] for i in answer["items"]}
    assert set(got) == set(graph.nodes)
    reference, tolerance = REFERENCES[metric]
    weighted = projection in WEIGHTED and metric in ("DEGREE", "PAGERANK", "ARTICLE_RANK")
    assert answer["provenance"]["parameters"]["weighted"] is weighted
    expected = reference(graph, weighted, normalized)
    worst = max(abs(got[k] - expected[k]) for k in expected)
    scale = max(1.0, max(abs(v) for v in expected.values()))
    assert worst <= tolerance * scale, (metric, projection, worst)
    ranks = [i["rank"] for i in answer["items"]]
    assert ranks == [1 + sum(other > i["score"] for other in got.values())
                     for i in answer["items"]]  # competition ranks: ties share one
    order = [(-i["score"], i["id"]) for i in answer["items"]]
    assert order == sorted(order)
    assert answer["distribution"]["count"] == n
    assert answer["distribution"]["max"] == pytest.approx(max(got.values()))
    assert answer["distribution"]["min"] == pytest.approx(min(got.values()))
