"""Triangles, clustering, articulation points and bridges on the sample dataset."""

import pytest
from fastapi.testclient import TestClient

from tests.service.analytics.reference import errors_of, reference_graph
from tests.service.analytics.structure_checks import check_clustering, check_cuts

UNDIRECTED = ("FULL", "ACTORS", "INITIATIVES", "GOVERNANCE")


@pytest.mark.parametrize("projection", UNDIRECTED)
def test_triangles_and_clustering_are_networkx_s(projection: str,
                                                 sample_client: TestClient) -> None:
    check_clustering(sample_client, reference_graph(sample_client, projection), projection)


@pytest.mark.parametrize("projection", UNDIRECTED)
def test_cut_points_and_bridges_are_networkx_s_with_what_they_cut_off(
        projection: str, sample_client: TestClient) -> None:
    check_cuts(sample_client, reference_graph(sample_client, projection), projection)


def test_the_directed_supply_network_is_refused(sample_client: TestClient) -> None:
    for field in ("clustering", "cutPoints"):
        errors = errors_of(sample_client, f"{{ {field}(projection: SUPPLY) {{ nodeCount }} }}")
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("field", ["communities(algorithm: WCC, top: -1) { count }",
                                   "clustering(top: -1) { nodeCount }",
                                   "cutPoints(top: 100000) { nodeCount }",
                                   "centrality(metric: DEGREE, top: -2) { nodeCount }"])
def test_a_top_out_of_range_is_bad_user_input(field: str, sample_client: TestClient) -> None:
    errors = errors_of(sample_client, f"{{ {field} }}")
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
