"""Centrality through the API on the sample dataset equals NetworkX's on the same edges."""

from functools import cache

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.service.analytics.checks import CENTRALITY, REFERENCES, check_centrality
from tests.service.analytics.reference import ask, reference_graph

PROJECTIONS = ("FULL", "ACTORS", "INITIATIVES", "GOVERNANCE", "SUPPLY")


@pytest.fixture(scope="module")
def graphs(sample_client: TestClient) -> dict[str, nx.Graph]:
    @cache
    def graph(projection: str) -> nx.Graph:
        return reference_graph(sample_client, projection)

    return {p: graph(p) for p in PROJECTIONS}


@pytest.mark.parametrize("projection", PROJECTIONS)
@pytest.mark.parametrize("metric", sorted(REFERENCES))
def test_the_metric_is_networkx_s(metric: str, projection: str, sample_client: TestClient,
                                  graphs: dict[str, nx.Graph]) -> None:
    if metric == "EIGENVECTOR" and projection == "SUPPLY":
        pytest.skip("the supply network is acyclic: no eigenvector centrality exists")
    check_centrality(sample_client, graphs[projection], projection, metric)


@pytest.mark.parametrize("metric", ["DEGREE", "BETWEENNESS", "HARMONIC"])
@pytest.mark.parametrize("projection", ["FULL", "SUPPLY"])
def test_normalized_scores_are_networkx_s(metric: str, projection: str,
                                          sample_client: TestClient,
                                          graphs: dict[str, nx.Graph]) -> None:
    check_centrality(sample_client, graphs[projection], projection, metric, normalized=True)


def test_top_ranks_the_highest_scores_and_says_how(sample_client: TestClient) -> None:
    answer = ask(sample_client, CENTRALITY, metric="BETWEENNESS", projection="ACTORS", top=3,
                 normalized=False)["centrality"]
    assert [i["rank"] for i in answer["items"]] == [1, 2, 3]
    assert answer["items"][0]["id"] == "INST-MX-SE"
    provenance = answer["provenance"]
    assert provenance["algorithm"] == "gds.betweenness.stream"
    assert provenance["projection"] == "ACTORS"
    assert provenance["parameters"]["normalized"] is False
    assert provenance["graphVersion"] >= 1
