"""A partition that is only the connected components, or every node alone, says so in its
provenance: on graphs where GDS's label propagation gives exactly that (Zachary's karate
club, Davis's southern women), and on a graph with no relationships."""

from collections.abc import Callable, Iterator
from typing import Any

import neo4j
import networkx as nx
import pytest
from fastapi.testclient import TestClient

from service.analytics.degenerate import trivial_partition
from service.app import create_app
from tests.neo4j_backends import Backend
from tests.service.analytics.reference import ask
from tests.service.analytics.synthetic import write_graph

COMMUNITIES = """query($algorithm: CommunityAlgorithm!) {
  communities(algorithm: $algorithm, projection: FULL) {
    count modularity provenance { cached warnings { code parameters } } } }"""
GRAPHS: dict[str, Callable[[], nx.Graph]] = {
    "karate": nx.karate_club_graph,
    "davis": nx.davis_southern_women_graph,
}


@pytest.fixture
def written(db: neo4j.Driver,
            neo4j_backend: Backend) -> Iterator[Callable[[nx.Graph], TestClient]]:
    clients: list[Any] = []

    def write(graph: nx.Graph) -> TestClient:
        write_graph(db, neo4j_backend.settings.neo4j_database, graph, "N")
        manager = TestClient(create_app(neo4j_backend.settings))
        clients.append(manager)
        return manager.__enter__()

    yield write
    for manager in clients:
        manager.__exit__(None, None, None)


def communities(client: TestClient, algorithm: str) -> dict[str, Any]:
    found: dict[str, Any] = ask(client, COMMUNITIES, algorithm=algorithm)["communities"]
    return found


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_label_propagation_is_flagged_exactly_when_it_returns_the_components(
        name: str, written: Callable[[nx.Graph], TestClient]) -> None:
    """GDS's label propagation often ends with one community on these connected graphs, but
    not always (it depends on the order it visits nodes in): the warning follows the answer."""
    graph = GRAPHS[name]()
    client = written(graph)
    n = graph.number_of_nodes()
    assert nx.number_connected_components(graph) == 1
    answer = communities(client, "LABEL_PROPAGATION")
    expected = [{"code": "TRIVIAL_PARTITION", "parameters": {
        "partition": "COMPONENTS", "communities": 1, "components": 1, "nodes": n}}]
    assert answer["provenance"]["warnings"] == (expected if answer["count"] == 1 else [])
    assert (answer["count"] == 1) == (answer["modularity"] == 0.0)
    louvain = communities(client, "LOUVAIN")  # finds groups inside the component
    assert louvain["count"] > 1 and louvain["modularity"] > 0.3
    assert louvain["provenance"]["warnings"] == []
    assert communities(client, "WCC")["provenance"]["warnings"] == []  # components by design


def test_two_separate_triangles_as_two_communities_are_flagged_as_the_components(
        written: Callable[[nx.Graph], TestClient]) -> None:
    graph = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3))
    client = written(graph)
    answer = communities(client, "LOUVAIN")
    assert answer["count"] == 2
    assert answer["provenance"]["warnings"] == [{"code": "TRIVIAL_PARTITION", "parameters": {
        "partition": "COMPONENTS", "communities": 2, "components": 2, "nodes": 6}}]
    again = communities(client, "LOUVAIN")  # the cached answer keeps its warning
    assert again["provenance"]["cached"] is True
    assert again["provenance"]["warnings"] == answer["provenance"]["warnings"]


def test_every_node_alone_is_flagged(written: Callable[[nx.Graph], TestClient],
                                    db: neo4j.Driver, neo4j_backend: Backend) -> None:
    # a real store always holds relationships of some type (the reference data's territories)
    db.execute_query("CREATE (:Territory {code: 'XX'})-[:PART_OF]->(:Territory {code: 'XY'})",
                     database_=neo4j_backend.settings.neo4j_database)
    client = written(nx.empty_graph(6))  # six firms, no relationship between them
    for algorithm in ("LOUVAIN", "LEIDEN", "LABEL_PROPAGATION"):
        answer = communities(client, algorithm)
        assert (answer["count"], answer["modularity"]) == (6, 0.0)
        assert answer["provenance"]["warnings"] == [{"code": "TRIVIAL_PARTITION", "parameters": {
            "partition": "SINGLETONS", "communities": 6, "components": 6, "nodes": 6}}]


def test_the_rule_on_counts() -> None:
    components = trivial_partition(3, 3, 30)
    assert components is not None and components.parameters == {
        "partition": "COMPONENTS", "communities": 3, "components": 3, "nodes": 30}
    alone = trivial_partition(30, 3, 30)
    assert alone is not None and alone.parameters["partition"] == "SINGLETONS"
    assert trivial_partition(5, 3, 30) is None  # groups inside the components
    assert trivial_partition(1, 1, 1) is None  # one node: nothing to find
