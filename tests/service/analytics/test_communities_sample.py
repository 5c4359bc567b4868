"""Communities through the API on the sample dataset, against NetworkX on the same edges."""

from collections import Counter
from collections.abc import Iterator

import neo4j
import networkx as nx
import pytest
from fastapi.testclient import TestClient

from service.analytics import members
from service.app import create_app
from tests.neo4j_backends import Backend
from tests.service.analytics.community_checks import (
    best_louvain,
    blocks,
    check_partition,
    partition,
)
from tests.service.analytics.reference import WEIGHTED, ask, errors_of, reference_graph
from tests.service.api.conftest import codes, isic, sample, sector_line, territory_line

PROJECTIONS = ("FULL", "ACTORS", "INITIATIVES", "GOVERNANCE", "SUPPLY")
UNDIRECTED = ("FULL", "ACTORS", "INITIATIVES", "GOVERNANCE")


@pytest.fixture(scope="module")
def graphs(sample_client: TestClient) -> dict[str, nx.Graph]:
    return {p: reference_graph(sample_client, p) for p in PROJECTIONS}


@pytest.mark.parametrize("projection", PROJECTIONS)
def test_wcc_is_networkx_s_components_exactly(projection: str, sample_client: TestClient,
                                              graphs: dict[str, nx.Graph]) -> None:
    graph = graphs[projection]
    answer = partition(sample_client, "WCC", projection)
    components = (nx.weakly_connected_components(graph) if graph.is_directed()
                  else nx.connected_components(graph))
    assert sorted(map(sorted, blocks(answer))) == sorted(map(sorted, components))
    check_partition(answer, graph, projection)


@pytest.mark.parametrize("algorithm", ["LOUVAIN", "LEIDEN"])
@pytest.mark.parametrize("projection", UNDIRECTED)
def test_modularity_is_within_0_02_of_networkx_s_best(
        algorithm: str, projection: str, sample_client: TestClient,
        graphs: dict[str, nx.Graph]) -> None:
    graph = graphs[projection]
    answer = partition(sample_client, algorithm, projection, seed=1)
    check_partition(answer, graph, projection)
    assert answer["modularity"] >= best_louvain(graph, projection in WEIGHTED) - 0.02


@pytest.mark.parametrize("projection", PROJECTIONS)
def test_label_propagation_partitions_the_graph(projection: str, sample_client: TestClient,
                                                graphs: dict[str, nx.Graph]) -> None:
    check_partition(partition(sample_client, "LABEL_PROPAGATION", projection),
                    graphs[projection], projection)


def test_louvain_runs_on_the_directed_supply_network(sample_client: TestClient,
                                                     graphs: dict[str, nx.Graph]) -> None:
    check_partition(partition(sample_client, "LOUVAIN", "SUPPLY"), graphs["SUPPLY"], "SUPPLY")


@pytest.mark.parametrize("projection", UNDIRECTED)
def test_k_core_groups_nodes_by_networkx_s_core_number(
        projection: str, sample_client: TestClient, graphs: dict[str, nx.Graph]) -> None:
    answer = partition(sample_client, "K_CORE", projection)
    core = nx.core_number(graphs[projection])
    for community in answer["communities"]:
        assert {core[m["id"]] for m in community["members"]} == {community["coreValue"]}
    values = [c["coreValue"] for c in answer["communities"]]
    assert values == sorted(values, reverse=True)


def test_k_core_and_leiden_need_an_undirected_projection(sample_client: TestClient) -> None:
    for algorithm in ("K_CORE", "LEIDEN"):
        errors = errors_of(sample_client, f"{{ communities(algorithm: {algorithm}, "
                           "projection: SUPPLY) { count } }")
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.fixture
def uncached_client(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    settings = neo4j_backend.settings.model_copy(update={"analytics_cached_results": 0})
    with TestClient(create_app(settings)) as client:
        yield client


def _drop_graphs(driver: neo4j.Driver) -> None:
    driver.execute_query("CALL gds.graph.list() YIELD graphName "
                         "CALL gds.graph.drop(graphName) YIELD graphName AS dropped "
                         "RETURN count(dropped)")


@pytest.mark.parametrize("algorithm", ["LOUVAIN", "LEIDEN", "LABEL_PROPAGATION", "K_CORE"])
def test_the_same_seed_gives_the_same_partition(algorithm: str, uncached_client: TestClient,
                                                sample_db: neo4j.Driver) -> None:
    first = partition(uncached_client, algorithm, "ACTORS", seed=5)
    _drop_graphs(sample_db)  # projected anew, computed anew
    again = partition(uncached_client, algorithm, "ACTORS", seed=5)
    assert again["provenance"]["cached"] is False
    assert again["communities"] == first["communities"]
    assert again["modularity"] == first["modularity"]


def test_leiden_records_its_seed_and_louvain_none(sample_client: TestClient) -> None:
    assert partition(sample_client, "LEIDEN", "FULL", seed=9)["provenance"]["seed"] == 9
    assert partition(sample_client, "LEIDEN", "FULL")["provenance"]["seed"] == 42
    assert partition(sample_client, "LOUVAIN", "FULL", seed=9)["provenance"]["seed"] is None


def test_communities_name_their_groups(sample_client: TestClient) -> None:
    answer = ask(sample_client, """{ communities(algorithm: WCC, projection: ACTORS, top: 1) {
        communities { size dominantTerritories { value count } dominantSectors { value count }
                      actorKinds { value count } members { id kind } } } }""")
    [largest] = answer["communities"]["communities"]
    kinds: dict[str, int] = {}
    for m in largest["members"]:
        kinds[m["kind"]] = kinds.get(m["kind"], 0) + 1
    assert {k["value"]: k["count"] for k in largest["actorKinds"]} == kinds
    # from the CSVs: each member's regions (its country when no region is above it) and ISIC
    # divisions, counted over the members; the three most frequent, ties by code
    rows = {r["id"]: r for table in ("firms", "institutions") for r in sample(table)}
    territories: Counter[str] = Counter()
    divisions: Counter[str] = Counter()
    for m in largest["members"]:
        line = territory_line(rows[m["id"]]["territory_code"])
        regions = {c for c in line if c.count("-") == 1}
        territories.update(regions or {c for c in line if "-" not in c})
        divisions.update({c for code in codes(rows[m["id"]].get("sector_codes", ""))
                          for c in sector_line(code) if isic()[c]["level"] == "DIVISION"})

    def top(counted: Counter[str]) -> list[dict[str, object]]:
        ordered = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        return [{"value": k, "count": n} for k, n in ordered]

    assert largest["dominantTerritories"] == top(territories)
    assert largest["dominantSectors"] == top(divisions)


NAMED = """{ communities(algorithm: LOUVAIN, projection: ACTORS) { count communities {
    id size dominantTerritories { value count } dominantSectors { value count }
    actorKinds { value count } members { id name kind } } } }"""


def test_communities_are_named_alike_when_facts_are_read_in_many_queries(
        sample_client: TestClient, neo4j_backend: Backend,
        monkeypatch: pytest.MonkeyPatch) -> None:
    at_once = ask(sample_client, NAMED)["communities"]
    monkeypatch.setattr(members, "FACTS_BATCH", 7)
    with TestClient(create_app(neo4j_backend.settings)) as client:  # nothing kept yet
        in_batches = ask(client, NAMED)["communities"]
    assert sum(c["size"] for c in at_once["communities"]) > 7 * 5
    assert in_batches == at_once


COMPARE = """query($a: CommunityRunInput!, $b: CommunityRunInput!) {
  compareCommunities(a: $a, b: $b) { nmi adjustedRandIndex nodeCount a { algorithm }
                                     b { algorithm } } }"""


def test_a_run_agrees_fully_with_itself(sample_client: TestClient) -> None:
    run = {"algorithm": "LEIDEN", "projection": "ACTORS", "seed": 3}
    answer = ask(sample_client, COMPARE, a=run, b=run)["compareCommunities"]
    assert answer["nmi"] == pytest.approx(1.0)
    assert answer["adjustedRandIndex"] == pytest.approx(1.0)


def test_comparison_matches_an_independent_count(sample_client: TestClient) -> None:
    a = {"algorithm": "LOUVAIN", "projection": "FULL"}
    b = {"algorithm": "LABEL_PROPAGATION", "projection": "FULL"}
    answer = ask(sample_client, COMPARE, a=a, b=b)["compareCommunities"]
    x = {i: n for n, block in enumerate(blocks(partition(sample_client, "LOUVAIN", "FULL")))
         for i in block}
    y = {i: n for n, block in enumerate(blocks(
        partition(sample_client, "LABEL_PROPAGATION", "FULL"))) for i in block}
    ids = sorted(x)
    assert answer["nodeCount"] == len(ids)
    # Rand's pair counting, brute force; then Hubert and Arabie's adjustment
    import itertools

    agree_both = sum(1 for i, j in itertools.combinations(ids, 2)
                     if x[i] == x[j] and y[i] == y[j])
    in_x = sum(1 for i, j in itertools.combinations(ids, 2) if x[i] == x[j])
    in_y = sum(1 for i, j in itertools.combinations(ids, 2) if y[i] == y[j])
    pairs = len(ids) * (len(ids) - 1) / 2
    expected = in_x * in_y / pairs
    ari = (agree_both - expected) / ((in_x + in_y) / 2 - expected)
    assert answer["adjustedRandIndex"] == pytest.approx(ari, abs=1e-12)
    # NMI as (H(X) + H(Y) - H(X, Y)) / mean(H(X), H(Y))
    import math
    from collections import Counter

    def entropy(labels: list[object]) -> float:
        n = len(labels)
        return -sum(c / n * math.log(c / n) for c in Counter(labels).values())

    hx, hy = entropy([x[i] for i in ids]), entropy([y[i] for i in ids])
    hxy = entropy([(x[i], y[i]) for i in ids])
    assert answer["nmi"] == pytest.approx((hx + hy - hxy) / ((hx + hy) / 2), abs=1e-12)
