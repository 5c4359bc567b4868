"""Community results of the API against NetworkX on the same edges."""

from __future__ import annotations

from typing import Any

import networkx as nx
from fastapi.testclient import TestClient

from tests.service.analytics.reference import WEIGHTED, ask

COMMUNITIES = """query($algorithm: CommunityAlgorithm!, $projection: Projection!, $seed: Int) {
  communities(algorithm: $algorithm, projection: $projection, seed: $seed, top: 500) {
    count modularity nodeCount
    communities { id size coreValue members { id } }
    provenance { algorithm seed parameters cached computedAt } } }"""


def partition(client: TestClient, algorithm: str, projection: str,
              seed: int | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = ask(client, COMMUNITIES, algorithm=algorithm,
                                 projection=projection, seed=seed)["communities"]
    assert answer["count"] == len(answer["communities"])
    return answer


def blocks(answer: dict[str, Any]) -> list[set[str]]:
    return [{m["id"] for m in c["members"]} for c in answer["communities"]]


def check_partition(answer: dict[str, Any], graph: nx.Graph, projection: str) -> None:
    """The communities partition the graph's nodes, sizes are right, ids run 1, 2, ... and
    the modularity is NetworkX's for that partition."""
    found = blocks(answer)
    assert sum(len(b) for b in found) == graph.number_of_nodes()
    assert set().union(*found) == set(graph.nodes)
    assert [c["size"] for c in answer["communities"]] == [len(b) for b in found]
    assert [c["id"] for c in answer["communities"]] == list(range(1, len(found) + 1))
    weighted = answer["provenance"]["parameters"]["weighted"]
    assert weighted is (projection in WEIGHTED and answer["provenance"]["algorithm"] in (
        "gds.louvain.mutate", "gds.leiden.mutate", "gds.labelPropagation.mutate"))
    expected = nx.community.modularity(graph, found, weight="weight" if weighted else None)
    assert abs(answer["modularity"] - expected) < 1e-9


def best_louvain(graph: nx.Graph, weighted: bool, seeds: int = 5) -> float:
    weight = "weight" if weighted else None
    undirected = graph.to_undirected() if graph.is_directed() else graph
    return max(nx.community.modularity(
        undirected, nx.community.louvain_communities(undirected, weight=weight, seed=s),
        weight=weight) for s in range(seeds))
