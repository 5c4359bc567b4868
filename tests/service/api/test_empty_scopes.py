"""Every analytic and gap query answers an empty result on a scope with no data, and a
plain one on a scope whose nodes have no ties: a dashboard looping over countries gets
`[]`, never an error."""

from typing import Any

import pytest

from tests.service.api.conftest import GraphQL
from tests.service.api.sample_network import sample_network

NOTHING = {"countries": ["AR"]}  # a reference country the sample has no data in
UNTIED = {"year": 1850}  # only the institutions (they have no years), and no tie is that old

METRICS = ("DEGREE", "PAGERANK", "ARTICLE_RANK", "EIGENVECTOR", "BETWEENNESS", "CLOSENESS",
           "HARMONIC")
ALGORITHMS = ("LOUVAIN", "LEIDEN", "LABEL_PROPAGATION", "WCC", "K_CORE")
PROJECTIONS = ("FULL", "ACTORS", "INITIATIVES", "GOVERNANCE", "SUPPLY")
UNDIRECTED = ("FULL", "ACTORS", "INITIATIVES", "GOVERNANCE")

CENTRALITY = """query ($metric: CentralityMetric!, $projection: Projection!, $scope: ScopeInput,
    $sampling: SamplingInput) {
  centrality(metric: $metric, projection: $projection, scope: $scope, top: 1000,
             sampling: $sampling) {
    nodeCount items { id score rank } distribution { count max } provenance { graphVersion } } }"""
COMMUNITIES = """query ($algorithm: CommunityAlgorithm!, $projection: Projection!,
    $scope: ScopeInput) {
  communities(algorithm: $algorithm, projection: $projection, scope: $scope, top: 1000) {
    nodeCount count modularity communities { size coreValue members { id } } } }"""
COMPARE = """query ($scope: ScopeInput) {
  compareCommunities(a: {algorithm: LOUVAIN, scope: $scope}, b: {algorithm: WCC, scope: $scope}) {
    nodeCount } }"""
CLUSTERING = """query ($projection: Projection!, $scope: ScopeInput) {
  clustering(projection: $projection, scope: $scope, top: 1000) {
    nodeCount triangleCount averageClustering items { id triangles } } }"""
CUTS = """query ($projection: Projection!, $scope: ScopeInput) {
  cutPoints(projection: $projection, scope: $scope) {
    nodeCount articulationPointCount bridgeCount } }"""
MIXING = """query ($by: MixingBy!, $projection: Projection!, $scope: ScopeInput) {
  mixing(by: $by, projection: $projection, scope: $scope) {
    categories matrix internalTies externalTies eiIndex assortativity nodeCount
    excludedNodes } }"""
ROLLUP = """query ($projection: Projection!, $scope: ScopeInput) {
  rollup(metric: DEGREE, level: REGION, projection: $projection, scope: $scope) {
    territories { code nodeCount sum internalTies } ties { count } unplacedNodes } }"""
STATS = """query ($scope: ScopeInput) {
  stats(scope: $scope) {
    nodeCounts { label count } relationshipCounts { count }
    projections { projection nodeCount edgeCount density components largestComponent }
    byCountry { code } byTerritory { code } } }"""
NETWORK = """query ($projection: Projection!, $scope: ScopeInput) {
  network(projection: $projection, scope: $scope) { nodeCount edgeCount nodes { id } } }"""
GAPS = """query ($scope: ScopeInput) { coordinationGaps(scope: $scope) { kind } }"""
BROKERAGE = """query ($groupBy: GroupBy!, $projection: Projection!, $scope: ScopeInput) {
  brokerage(groupBy: $groupBy, projection: $projection, scope: $scope) { id total } }"""
MATCHMAKING = """query ($id: ID!, $scope: ScopeInput) {
  matchmaking(id: $id, scope: $scope) { matches { score } emptyReason } }"""


def untied_nodes(projection: str) -> set[str]:
    """The nodes of the projection in UNTIED, from the CSVs."""
    return sample_network().nodes_of(projection, UNTIED)


def test_the_untied_scope_has_nodes_and_no_edge() -> None:
    network = sample_network()
    assert len(network.nodes_of("FULL", UNTIED)) > 10
    assert sum(network.edges_of("FULL", UNTIED).values()) == 0
    assert not network.in_scope(NOTHING)


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("projection", ("FULL", "SUPPLY"))
def test_centrality_of_an_empty_scope_is_empty(gql: GraphQL, metric: str,
                                               projection: str) -> None:
    found = gql(CENTRALITY, {"metric": metric, "projection": projection, "scope": NOTHING})
    result = found["centrality"]
    assert (result["nodeCount"], result["items"], result["distribution"]["count"]) == (0, [], 0)


@pytest.mark.parametrize("metric", METRICS)
def test_centrality_of_nodes_without_ties(gql: GraphQL, metric: str) -> None:
    nodes = untied_nodes("FULL")
    result = gql(CENTRALITY, {"metric": metric, "projection": "FULL", "scope": UNTIED})[
        "centrality"]
    assert result["nodeCount"] == len(nodes)
    assert {i["id"] for i in result["items"]} == nodes
    scores = [i["score"] for i in result["items"]]
    if metric == "PAGERANK":  # NetworkX: 1/n each on a graph without edges
        assert scores == pytest.approx([1 / len(nodes)] * len(nodes))
    elif metric in ("DEGREE", "BETWEENNESS", "CLOSENESS", "HARMONIC"):
        assert set(scores) == {0.0}


def test_sampled_betweenness_of_nodes_without_ties_is_zero(gql: GraphQL) -> None:
    result = gql(CENTRALITY, {"metric": "BETWEENNESS", "projection": "FULL", "scope": UNTIED,
                              "sampling": {"size": 5, "seed": 1}})["centrality"]
    assert result["nodeCount"] == len(untied_nodes("FULL"))
    assert {i["score"] for i in result["items"]} == {0.0}


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_communities_of_an_empty_scope_are_none(gql: GraphQL, algorithm: str) -> None:
    for projection in ("FULL", "SUPPLY") if algorithm not in ("LEIDEN", "K_CORE") else ("FULL",):
        result = gql(COMMUNITIES, {"algorithm": algorithm, "projection": projection,
                                   "scope": NOTHING})["communities"]
        assert result == {"nodeCount": 0, "count": 0, "modularity": 0.0, "communities": []}


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_communities_of_nodes_without_ties_leave_each_alone(gql: GraphQL,
                                                            algorithm: str) -> None:
    nodes = untied_nodes("FULL")
    result = gql(COMMUNITIES, {"algorithm": algorithm, "projection": "FULL",
                               "scope": UNTIED})["communities"]
    assert result["nodeCount"] == len(nodes)
    assert result["modularity"] == 0.0
    members = [{m["id"] for m in c["members"]} for c in result["communities"]]
    if algorithm == "K_CORE":  # one shell: every node has core value 0
        assert members == [nodes]
        assert result["communities"][0]["coreValue"] == 0
    else:
        assert sorted(members, key=min) == sorted(({n} for n in nodes), key=min)


def test_supply_communities_of_nodes_without_ties(gql: GraphQL) -> None:
    # the SUPPLY projection holds firms only: none exists in 1850 either
    result = gql(COMMUNITIES, {"algorithm": "LOUVAIN", "projection": "SUPPLY",
                               "scope": UNTIED})["communities"]
    assert result["nodeCount"] == len(untied_nodes("SUPPLY")) == 0


@pytest.mark.parametrize("scope", (NOTHING, UNTIED))
def test_compare_clustering_cuts_mixing_and_rollup(gql: GraphQL, scope: dict[str, Any]) -> None:
    n = len(sample_network().nodes_of("FULL", scope))
    assert gql(COMPARE, {"scope": scope})["compareCommunities"]["nodeCount"] == n
    for projection in UNDIRECTED:
        count = len(sample_network().nodes_of(projection, scope))
        clustering = gql(CLUSTERING, {"projection": projection, "scope": scope})["clustering"]
        assert (clustering["nodeCount"], clustering["triangleCount"],
                clustering["averageClustering"]) == (count, 0, 0.0)
        assert {i["triangles"] for i in clustering["items"]} <= {0}
        cuts = gql(CUTS, {"projection": projection, "scope": scope})["cutPoints"]
        assert cuts == {"nodeCount": count, "articulationPointCount": 0, "bridgeCount": 0}
    for by in ("KIND", "LEVEL", "COUNTRY", "TERRITORY"):
        mixing = gql(MIXING, {"by": by, "projection": "FULL", "scope": scope})["mixing"]
        assert (mixing["internalTies"], mixing["externalTies"], mixing["eiIndex"],
                mixing["assortativity"]) == (0, 0, None, None)
        assert mixing["nodeCount"] + mixing["excludedNodes"] == n
        assert mixing["matrix"] == [[0.0] * len(mixing["categories"])] * len(
            mixing["categories"])
    rollup = gql(ROLLUP, {"projection": "FULL", "scope": scope})["rollup"]
    assert rollup["ties"] == []
    assert sum(t["nodeCount"] for t in rollup["territories"]) + rollup["unplacedNodes"] >= n
    assert {t["sum"] for t in rollup["territories"]} <= {0.0}
    if scope is NOTHING:
        assert rollup == {"territories": [], "ties": [], "unplacedNodes": 0}


def test_stats_networks_gaps_brokerage_and_matches_of_an_empty_scope(gql: GraphQL) -> None:
    stats = gql(STATS, {"scope": NOTHING})["stats"]
    assert {c["count"] for c in stats["nodeCounts"]} == {0}
    assert {c["count"] for c in stats["relationshipCounts"]} <= {0}
    assert [p["projection"] for p in stats["projections"]] == list(PROJECTIONS)
    assert {(p["nodeCount"], p["edgeCount"], p["density"], p["components"],
             p["largestComponent"]) for p in stats["projections"]} == {(0, 0, 0.0, 0, 0)}
    assert (stats["byCountry"], stats["byTerritory"]) == ([], [])
    for projection in PROJECTIONS:
        network = gql(NETWORK, {"projection": projection, "scope": NOTHING})["network"]
        assert network == {"nodeCount": 0, "edgeCount": 0, "nodes": []}
    assert gql(GAPS, {"scope": NOTHING})["coordinationGaps"] == []
    assert gql(GAPS, {"scope": UNTIED})["coordinationGaps"] == []
    for group in ("LEVEL", "KIND", "COUNTRY"):
        for projection in ("ACTORS", "FULL", "SUPPLY"):
            found = gql(BROKERAGE, {"groupBy": group, "projection": projection,
                                    "scope": NOTHING})
            assert found["brokerage"] == []
    for subject in ("INI-CL-001", "PROG-PE-001", "FIRM-MX-001"):
        found = gql(MATCHMAKING, {"id": subject, "scope": NOTHING})["matchmaking"]
        assert found["matches"] == [] and found["emptyReason"]
