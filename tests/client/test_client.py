"""`articula.Client` against the real service on the sample: every call gives what the API
answers, as a DataFrame or a NetworkX graph."""

from typing import Any

import neo4j
import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from articula import ApiError, Client
from service.access import create_key
from tests.neo4j_backends import Backend
from tests.service.analytics.reference import ask
from tests.serving import serve

SCOPE = {"countries": ["CO", "MX"]}


@pytest.fixture(scope="module")
def articula(base_url: str) -> Client:
    return Client(base_url)


def test_centrality_is_the_api_ranking_with_its_provenance(articula: Client,
                                                           sample_client: TestClient) -> None:
    api = ask(sample_client, """{ centrality(metric: PAGERANK, projection: ACTORS, top: 10000,
        scope: {countries: ["CO", "MX"]}) { nodeCount items { rank id name kind score }
        provenance { graphVersion scope } } }""")["centrality"]
    ranking = articula.centrality("pagerank", projection="actors", scope=SCOPE)
    assert list(ranking.columns) == ["rank", "id", "name", "kind", "score"]
    assert ranking.to_dict("records") == api["items"]
    assert ranking.attrs["nodeCount"] == api["nodeCount"] == len(ranking)
    assert ranking.attrs["provenance"]["scope"] == api["provenance"]["scope"]


def test_communities_give_each_node_its_community(articula: Client,
                                                  sample_client: TestClient) -> None:
    api = ask(sample_client, """{ communities(algorithm: LOUVAIN, seed: 7, top: 10000) {
        count modularity communities { id members { id } } } }""")["communities"]
    found = articula.communities("LOUVAIN", seed=7)
    assert dict(zip(found["id"], found["community"], strict=True)) \
        == {m["id"]: c["id"] for c in api["communities"] for m in c["members"]}
    assert list(found["id"]) == sorted(found["id"])
    assert found.attrs["modularity"] == api["modularity"]
    assert found.attrs["count"] == api["count"] == found["community"].nunique()


NETWORK = """{ network(projection: ACTORS, scope: {countries: ["CO", "MX"]}) {
    nodes { id name entity kind country territory sectors firmSize level }
    edges { source target type weight } } }"""
ATTRIBUTES = {"name": "name", "entity": "entity", "kind": "kind", "country": "country",
              "territory": "territory", "sectors": "sectors", "firm_size": "firmSize",
              "level": "level"}


def _api_network(client: TestClient) -> dict[str, Any]:
    network: dict[str, Any] = ask(client, NETWORK)["network"]
    return network


def test_nodes_and_edges_are_the_network_with_the_scores_asked_for(
        articula: Client, sample_client: TestClient) -> None:
    api = _api_network(sample_client)
    nodes = articula.nodes("ACTORS", scope=SCOPE, scores=["PAGERANK"], communities=["WCC"])
    assert sorted(nodes["id"]) == sorted(n["id"] for n in api["nodes"])
    by_id = nodes.set_index("id")
    for node in api["nodes"]:
        for column, field in ATTRIBUTES.items():
            value = by_id.at[node["id"], column]
            assert (None if pd.isna(value) else value) == node[field], (node["id"], column)
        assert by_id.at[node["id"], "label"] == node["name"]
    pagerank = ask(sample_client, """{ centrality(metric: PAGERANK, projection: ACTORS,
        top: 10000, scope: {countries: ["CO", "MX"]}) { items { id score } } }""")
    assert {i["id"]: i["score"] for i in pagerank["centrality"]["items"]} \
        == pytest.approx(by_id["score_pagerank"].to_dict())
    assert str(nodes["score_pagerank"].dtype) == "Float64"
    assert str(nodes["community_wcc"].dtype) == "Int64"
    louvain = articula.communities("LOUVAIN", projection="ACTORS", scope=SCOPE)
    assert dict(zip(louvain["id"], louvain["community"], strict=True)) \
        == articula.nodes("ACTORS", scope=SCOPE, communities=["LOUVAIN"]).set_index(
            "id")["community_louvain"].to_dict()
    assert nodes.attrs["projection"] == "ACTORS"
    edges = articula.edges("ACTORS", scope=SCOPE)
    assert sorted(zip(edges["source"], edges["target"], edges["type"], edges["weight"],
                      strict=True)) \
        == sorted((e["source"], e["target"], e["type"], e["weight"]) for e in api["edges"])


def test_network_is_a_networkx_graph_of_the_projection(articula: Client,
                                                       sample_client: TestClient) -> None:
    api = _api_network(sample_client)
    graph = articula.network("ACTORS", scope=SCOPE, communities=["LOUVAIN"])
    assert not graph.is_directed()
    assert set(graph.nodes) == {n["id"] for n in api["nodes"]}
    assert {frozenset((u, v)): d["weight"] for u, v, d in graph.edges(data=True)} \
        == {frozenset((e["source"], e["target"])): e["weight"] for e in api["edges"]}
    for node in api["nodes"]:
        data = graph.nodes[node["id"]]
        assert {c: data.get(c) for c in ATTRIBUTES} \
            == {c: node[f] for c, f in ATTRIBUTES.items()}
        assert isinstance(data["community_louvain"], int)
    assert graph.graph["about"]["scope"] == {"countries": ["CO", "MX"]}
    supply = articula.network("SUPPLY")
    assert isinstance(supply, nx.DiGraph)


def test_gaps_are_the_api_findings_in_the_clients_language(base_url: str,
                                                           sample_client: TestClient) -> None:
    api = sample_client.post("/graphql", headers={"Accept-Language": "pt"}, json={
        "query": """{ coordinationGaps(scope: {countries: ["CO"]}) {
            kind severity explanation nodes { id } } }"""}).json()["data"]["coordinationGaps"]
    gaps = Client(base_url, language="pt").gaps(scope={"countries": ["CO"]})
    assert len(api) > 0
    assert list(zip(gaps["kind"], gaps["severity"], gaps["explanation"], gaps["id"],
                    strict=True)) \
        == [(g["kind"], g["severity"], g["explanation"], g["nodes"][0]["id"]) for g in api]


def test_matches_are_the_api_suggestions_with_their_components(
        articula: Client, sample_client: TestClient) -> None:
    api = ask(sample_client, """{ matchmaking(id: "INI-CO-003", k: 5) {
        matches { suggestion { id } score components { name value } } } }""")["matchmaking"]
    found = articula.matches("INI-CO-003", k=5)
    assert list(zip(found["id"], found["score"], strict=True)) \
        == [(m["suggestion"]["id"], m["score"]) for m in api["matches"]]
    for row, match in zip(found.to_dict("records"), api["matches"], strict=True):
        assert {c["name"]: row[c["name"]] for c in match["components"]} \
            == {c["name"]: c["value"] for c in match["components"]}


def test_a_refusal_raises_the_services_code_and_message(articula: Client) -> None:
    with pytest.raises(ApiError) as unknown:
        articula.matches("NO-SUCH-ID")
    assert unknown.value.code == "NOT_FOUND"
    assert "NO-SUCH-ID" in unknown.value.message
    with pytest.raises(ApiError) as bad:
        articula.nodes("ACTORS", scores=["NOT_A_METRIC"])
    assert bad.value.code == "BAD_USER_INPUT"
    assert "NOT_A_METRIC" in bad.value.message


def test_a_key_opens_a_service_closed_to_anonymous_readers(sample_db: neo4j.Driver,
                                                           neo4j_backend: Backend) -> None:
    key = create_key(sample_db, neo4j_backend.settings.neo4j_database, "client test",
                     "READER").key
    with serve(neo4j_backend.settings.model_copy(update={"anonymous_read": False})) as url:
        with pytest.raises(ApiError) as refused:
            Client(url).centrality("DEGREE", top=3)
        assert refused.value.code == "UNAUTHENTICATED"
        assert len(Client(url, key=key).centrality("DEGREE", top=3)) == 3
