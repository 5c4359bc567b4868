"""`GET /export/{format}`: each format, read back with NetworkX, igraph and pandas, holds the
`network` answer (every node, isolated ones too, with every attribute; every edge) and the
`centrality` and `communities` answers it was asked to carry."""

import io
import json
import math
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import igraph as ig
import neo4j
import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from service.access import create_key
from tests.neo4j_backends import Backend
from tests.service.api.sample_network import (
    edge_multiset,
    graphql,
    rounded,
    sample_client,
    sample_network,
)
from tests.service.api.writing import call, clean_up

CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "full": ("FULL", {}),
    "actors in two countries": ("ACTORS", {"countries": ["CO", "MX"], "year": 2020}),
    "initiatives": ("INITIATIVES", {"initiativeTypes": ["CLUSTER", "VALUE_CHAIN"]}),
    "governance in a subtree": ("GOVERNANCE", {"territories": ["CO-ANT"]}),
    "supply by sector and kind": ("SUPPLY", {"sectors": ["C"], "actorKinds": ["FIRM"]}),
}
NETWORK = """query ($projection: Projection!, $scope: ScopeInput) {
  network(projection: $projection, scope: $scope) {
    directed
    nodes { id name entity kind country territory sectors firmSize level }
    edges { source target type weight } } }"""
# the API's field -> the exports' column
COLUMNS = {"name": "name", "entity": "entity", "kind": "kind", "country": "country",
           "territory": "territory", "sectors": "sectors", "firmSize": "firm_size",
           "level": "level"}
TEXT = ["id", "label", *COLUMNS.values()]

Attributes = dict[str, dict[str, Any]]  # node id -> column -> value (None when absent)
Edges = Counter[tuple[str, str, str, float]]


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    yield from sample_client(driver, neo4j_backend)


def query(projection: str, scope: dict[str, Any], **more: str) -> list[tuple[str, str]]:
    out = [("projection", projection), *more.items()]
    for name, value in scope.items():
        out += [(name, str(v)) for v in value] if isinstance(value, list) else [(name, str(value))]
    return out


def download(client: TestClient, format: str, projection: str, scope: dict[str, Any],
             **more: str) -> bytes:
    response = client.get(f"/export/{format}", params=query(projection, scope, **more))
    assert response.status_code == 200, response.text
    return response.content


def network(client: TestClient, projection: str, scope: dict[str, Any]) -> dict[str, Any]:
    body = graphql(client, NETWORK, projection=projection, scope=scope)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]["network"]
    return result


def expected(answer: dict[str, Any]) -> Attributes:
    """The API's nodes under the exports' column names; `label` is the name."""
    return {n["id"]: {"label": n["name"], **{c: n[f] for f, c in COLUMNS.items()}}
            for n in answer["nodes"]}


def blank(value: Any) -> Any:
    """What a reader gives for an absent value (igraph's "" and NaN, pandas' NaN) as None."""
    if value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def unordered(edges: Edges, directed: bool) -> Edges:
    if directed:
        return edges
    out: Edges = Counter()
    for (s, t, kind, w), n in edges.items():
        a, b = sorted((s, t))
        out[(a, b, kind, w)] += n
    return out


def edge(source: str, target: str, kind: str, weight: float) -> tuple[str, str, str, float]:
    return source, target, kind, round(float(weight), 9)


# --- the readers -------------------------------------------------------------------------

def networkx_graph(g: nx.Graph, columns: list[str]) -> tuple[Attributes, Edges]:
    nodes = {n: {c: data.get(c) for c in columns} for n, data in g.nodes(data=True)}
    edges: Edges = Counter(edge(s, t, d["type"], d["weight"]) for s, t, d in g.edges(data=True))
    return nodes, edges


def igraph_graph(g: ig.Graph, columns: list[str], key: str) -> tuple[Attributes, Edges]:
    ids = g.vs[key]
    nodes = {ids[v.index]: {c: blank(v[c]) for c in columns} for v in g.vs}
    edges: Edges = Counter(edge(ids[e.source], ids[e.target], e["type"], e["weight"])
                           for e in g.es)
    return nodes, edges


def read_graphml(content: bytes, columns: list[str], tmp_path: Path
                 ) -> dict[str, tuple[Attributes, Edges, bool]]:
    """What NetworkX and igraph read from a GraphML file."""
    g = nx.read_graphml(io.BytesIO(content))
    path = tmp_path / "export.graphml"
    path.write_bytes(content)
    h = ig.Graph.Read_GraphML(str(path))
    return {"networkx": (*networkx_graph(g, ["label", *columns]), g.is_directed()),
            "igraph": (*igraph_graph(h, ["label", *columns], "id"), h.is_directed())}


def read_gexf(content: bytes, columns: list[str]) -> dict[str, tuple[Attributes, Edges, bool]]:
    """What NetworkX reads from a GEXF file (igraph has no GEXF reader)."""
    g = nx.read_gexf(io.BytesIO(content))
    return {"networkx": (*networkx_graph(g, ["label", *columns]), g.is_directed())}


def csv_tables(content: bytes) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["about.json", "edges.csv", "nodes.csv"]
        nodes = pd.read_csv(archive.open("nodes.csv"), dtype=dict.fromkeys(TEXT, str))
        edges = pd.read_csv(archive.open("edges.csv"), dtype={"source": str, "target": str})
        about = json.load(archive.open("about.json"))
    return nodes, edges, about


def read_csv(content: bytes, columns: list[str], directed: bool
             ) -> dict[str, tuple[Attributes, Edges, bool]]:
    """What pandas reads from the zip, and the igraph graph built from its two tables."""
    nodes, edges, _ = csv_tables(content)
    assert list(edges.columns) == ["source", "target", "type", "weight"]
    table = {r["id"]: {c: blank(r[c]) for c in ["label", *columns]}
             for r in nodes.to_dict("records")}
    assert len(table) == len(nodes)  # one row per node
    pairs: Edges = Counter(edge(r.source, r.target, r.type, r.weight)
                           for r in edges.itertuples())
    # igraph keeps the first column as the vertex `name`, so the table's own goes aside
    g = ig.Graph.DataFrame(edges, directed=directed, use_vids=False,
                           vertices=nodes.rename(columns={"name": "node_name"}))
    renamed = ["node_name" if c == "name" else c for c in ["label", *columns]]
    by_igraph, igraph_edges = igraph_graph(g, renamed, "name")
    for values in by_igraph.values():
        if "node_name" in values:
            values["name"] = values.pop("node_name")
    return {"pandas": (table, pairs, directed), "igraph": (by_igraph, igraph_edges,
                                                           g.is_directed())}


def read_all(client: TestClient, projection: str, scope: dict[str, Any], columns: list[str],
             directed: bool, tmp_path: Path, **more: str
             ) -> dict[str, tuple[Attributes, Edges, bool]]:
    """Every format of the export, by every reader: (format reader) -> what it read."""
    found = {}
    for format in ("graphml", "gexf", "csv"):
        content = download(client, format, projection, scope, **more)
        read = (read_graphml(content, columns, tmp_path) if format == "graphml"
                else read_gexf(content, columns) if format == "gexf"
                else read_csv(content, columns, directed))
        found.update({f"{format} {reader}": got for reader, got in read.items()})
    return found


# --- the tests ---------------------------------------------------------------------------

@pytest.mark.parametrize(("projection", "scope"), CASES.values(), ids=CASES.keys())
def test_every_format_holds_the_network_with_every_attribute(
    client: TestClient, projection: str, scope: dict[str, Any], tmp_path: Path
) -> None:
    answer = network(client, projection, scope)
    directed = answer["directed"]
    api = expected(answer)
    assert set(api) == sample_network().nodes_of(projection, scope)
    api_edges = unordered(edge_multiset(answer["edges"]), directed)
    assert api_edges == unordered(rounded(sample_network().edges_of(projection, scope)),
                                  directed)
    found = read_all(client, projection, scope, list(COLUMNS.values()), directed, tmp_path)
    assert sorted(found) == ["csv igraph", "csv pandas", "gexf networkx", "graphml igraph",
                             "graphml networkx"]
    for reader, (nodes, edges, is_directed) in found.items():
        assert is_directed is directed, reader
        assert nodes == api, reader
        assert unordered(edges, directed) == api_edges, reader


def test_the_sample_has_what_the_attributes_are_checked_on(client: TestClient) -> None:
    """The cases above meet isolated nodes, several territories and sectors, sizes, levels and
    nodes without them, and sector codes with a leading zero."""
    every: Attributes = {}
    isolated: set[str] = set()
    for projection, scope in CASES.values():
        answer = network(client, projection, scope)
        every.update(expected(answer))
        linked = {e[k] for e in answer["edges"] for k in ("source", "target")}
        isolated |= set(expected(answer)) - linked
    assert isolated
    values = {c: [n[c] for n in every.values()] for c in COLUMNS.values()}
    for column in ("territory", "sectors"):
        assert any(v and ";" in v for v in values[column]), column
    for column in ("country", "territory", "sectors", "firm_size", "level"):
        assert None in values[column], column
    assert set(values["firm_size"]) >= {"MICRO", "SMALL", "MEDIUM", "LARGE"}
    assert {"NATIONAL", "SUBNATIONAL", "LOCAL"} <= set(values["level"])
    assert any(v and v.startswith("0") for v in values["sectors"])


ANALYSES = """query ($projection: Projection!, $scope: ScopeInput, $metric: CentralityMetric!,
                     $algorithm: CommunityAlgorithm!) {
  centrality(metric: $metric, projection: $projection, scope: $scope, top: 10000) {
    items { id score } provenance { graphVersion } }
  communities(algorithm: $algorithm, projection: $projection, scope: $scope, top: 10000) {
    communities { id members { id } } } }"""
ANALYSED = {
    "actors in two countries": ("ACTORS", {"countries": ["CO", "MX"], "year": 2020},
                                ("PAGERANK", "BETWEENNESS"), ("LOUVAIN", "K_CORE")),
    "supply, directed": ("SUPPLY", {}, ("PAGERANK", "DEGREE"), ("LOUVAIN", "WCC")),
}


@pytest.mark.parametrize(("projection", "scope", "metrics", "algorithms"), ANALYSED.values(),
                         ids=ANALYSED.keys())
def test_scores_and_communities_are_the_api_s(
    client: TestClient, projection: str, scope: dict[str, Any], metrics: tuple[str, str],
    algorithms: tuple[str, str], tmp_path: Path
) -> None:
    api: Attributes = {}
    version = None
    for metric, algorithm in zip(metrics, algorithms, strict=True):
        body = graphql(client, ANALYSES, projection=projection, scope=scope, metric=metric,
                       algorithm=algorithm)
        assert "errors" not in body, body["errors"]
        data = body["data"]
        for item in data["centrality"]["items"]:
            api.setdefault(item["id"], {})[f"score_{metric.lower()}"] = item["score"]
        for community in data["communities"]["communities"]:
            for member in community["members"]:
                api.setdefault(member["id"], {})[f"community_{algorithm.lower()}"] = (
                    community["id"])
        version = data["centrality"]["provenance"]["graphVersion"]
    columns = [*(f"score_{m.lower()}" for m in metrics),
               *(f"community_{a.lower()}" for a in algorithms)]
    assert set(api) == sample_network().nodes_of(projection, scope)
    assert all(set(values) == set(columns) for values in api.values())
    # lower case, repeated and comma-separated parameters all count
    more = {"scores": f"{metrics[0].lower()},{metrics[1]}", "communities": ",".join(algorithms)}
    found = read_all(client, projection, scope, columns, projection == "SUPPLY", tmp_path,
                     **more)
    for reader, (nodes, _, _) in found.items():
        got = {n: {c: v for c, v in values.items() if c != "label"}
               for n, values in nodes.items()}
        assert got == api, reader
    _, _, about = csv_tables(download(client, "csv", projection, scope, **more))
    assert about["projection"] == projection
    assert list(about["analyses"]) == columns
    for column in columns:
        assert about["analyses"][column]["graphVersion"] == version
    assert about["columns"]["score_pagerank"] == "double"
    assert about["columns"][f"community_{algorithms[0].lower()}"] == "integer"


@pytest.fixture(scope="module")
def editor(client: TestClient, driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[str]:
    database = neo4j_backend.settings.neo4j_database
    yield create_key(driver, database, "export test EDITOR", "EDITOR").key
    clean_up(driver, database)


def test_persisted_scores_and_communities_come_as_written(
    client: TestClient, editor: str, tmp_path: Path
) -> None:
    written = call(client, """{
      centrality(metric: DEGREE, projection: FULL, top: 10000, persist: true) { items { id score } }
      communities(algorithm: LOUVAIN, projection: ACTORS, top: 10000, persist: true) {
        communities { id members { id } } } }""", key=editor)
    assert "errors" not in written, written["errors"]
    degree = {i["id"]: i["score"] for i in written["data"]["centrality"]["items"]}
    louvain = {m["id"]: k["id"] for k in written["data"]["communities"]["communities"]
               for m in k["members"]}
    columns = ["score_degree_full", "community_louvain_actors"]
    found = read_all(client, "FULL", {}, columns, False, tmp_path,
                     persisted="score_degree_full,COMMUNITY_LOUVAIN_ACTORS")
    assert set(louvain) < set(degree)  # programmes and initiatives are no actors
    api = {n: {"score_degree_full": degree[n], "community_louvain_actors": louvain.get(n)}
           for n in degree}
    for reader, (nodes, _, _) in found.items():
        got = {n: {c: v for c, v in values.items() if c != "label"}
               for n, values in nodes.items()}
        assert got == api, reader


@pytest.mark.parametrize(("url", "field"), [
    ("/export/pdf", "format"),
    ("/export/csv?projection=TREES", "projection"),
    ("/export/csv?countries=ZZ", "countries"),
    ("/export/csv?territories=CO-ANT-99999", "territories"),
    ("/export/csv?sectors=ZZZ", "sectors"),
    ("/export/csv?initiativeTypes=GUILD", "initiativeTypes"),
    ("/export/csv?actorKinds=ROBOT", "actorKinds"),
    ("/export/csv?year=last", "year"),
    ("/export/csv?year=2020&year=2021", "year"),
    ("/export/csv?country=CO", "country"),
    ("/export/csv?scores=PAGERANK,FAME", "scores"),
    ("/export/gexf?communities=GIRVAN_NEWMAN", "communities"),
    ("/export/graphml?persisted=name", "persisted"),
    ("/export/graphml?persisted=score_pagerank", "persisted"),
    ("/export/graphml?projection=SUPPLY&communities=LEIDEN", "algorithm"),
    ("/export/gexf?from=2010", "to"),
    ("/export/gexf?from=2010&to=soon", "to"),
    ("/export/gexf?from=2020&to=2010", "from"),
    ("/export/graphml?from=2010&to=2020", "from"),
    ("/export/gexf?from=2010&to=2020&scores=PAGERANK", "from"),
    ("/export/gexf?from=2010&to=2020&year=2015", "year"),
])
def test_bad_parameters_are_400_with_a_code(client: TestClient, url: str,
                                            field: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "BAD_USER_INPUT"
    assert body["message"]
    assert body.get("field") == field


def test_comma_separated_values_work_like_repeated_parameters(client: TestClient) -> None:
    one = client.get("/export/graphml?projection=actors&countries=CO,MX&year=2020"
                     "&scores=degree,DEGREE")
    two = client.get("/export/graphml?projection=ACTORS&countries=CO&countries=MX&year=2020"
                     "&scores=DEGREE")
    assert one.status_code == two.status_code == 200
    assert one.content == two.content
