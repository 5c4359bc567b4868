"""A client of a running Articula service for researchers: each call returns the API's answer
as a pandas DataFrame, or the network as a NetworkX graph, in one line.

    from articula import Client
    articula = Client("http://127.0.0.1:8000")
    ranking = articula.centrality("PAGERANK", projection="ACTORS", scope={"countries": ["CO"]})
    graph = articula.network("ACTORS", scores=["PAGERANK"], communities=["LOUVAIN"])

Scopes are dicts with GraphQL's `ScopeInput` names (countries, territories, initiativeTypes,
sectors, actorKinds, year). Errors of the service raise `ApiError` with its code and its
message, in the client's language. It needs only the standard library and pandas
(and NetworkX for `network`).
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    import networkx as nx

Scope = Mapping[str, Any]

CENTRALITY = """query ($metric: CentralityMetric!, $projection: Projection!, $scope: ScopeInput,
  $top: Int!, $normalized: Boolean!, $weighted: Boolean!) {
  centrality(metric: $metric, projection: $projection, scope: $scope, top: $top,
             normalized: $normalized, weighted: $weighted) {
    metric nodeCount items { rank id name kind score }
    distribution { min p25 p50 p75 p90 p99 max mean }
    provenance { algorithm parameters seed projection scope graphVersion computedAt
                 runtimeMs cached } } }"""

COMMUNITIES = """query ($algorithm: CommunityAlgorithm!, $projection: Projection!,
  $scope: ScopeInput, $seed: Int, $weighted: Boolean!, $top: Int!) {
  communities(algorithm: $algorithm, projection: $projection, scope: $scope, seed: $seed,
              weighted: $weighted, top: $top) {
    algorithm nodeCount count modularity
    communities { id coreValue members { id name kind } }
    provenance { algorithm parameters seed projection scope graphVersion computedAt
                 runtimeMs cached } } }"""

GAPS = """query ($kinds: [GapKind!], $scope: ScopeInput, $language: Language) {
  coordinationGaps(kinds: $kinds, scope: $scope, language: $language) {
    kind severity explanation messageKey nodes { id name kind } evidence } }"""

MATCHES = """query ($id: ID!, $k: Int!, $scope: ScopeInput, $language: Language) {
  matchmaking(id: $id, k: $k, scope: $scope, language: $language) {
    emptyReason matches { suggestion { id name kind } score reasons
                          components { name value } } } }"""

MAX_TOP = 10_000  # the API's largest `top`


class ApiError(Exception):
    """The service refused a request: its error code (BAD_USER_INPUT, NOT_FOUND, BUSY…) and
    message, and for GraphQL the path of the field."""

    def __init__(self, code: str, message: str, path: list[Any] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message, self.path = code, message, path


class Client:
    """The service at `url`, called with an API key (none: an anonymous reader) and in a
    language (es, en or pt; none: the service's default)."""

    def __init__(self, url: str = "http://127.0.0.1:8000", key: str | None = None,
                 language: str | None = None, timeout: float = 600) -> None:
        self.url = url.rstrip("/")
        self.key, self.language, self.timeout = key, language, timeout

    def query(self, document: str, variables: Mapping[str, Any] | None = None,
              ) -> dict[str, Any]:
        """The `data` of a GraphQL request; the first error raises ApiError."""
        body = json.dumps({"query": document, "variables": dict(variables or {})}).encode()
        answer = json.loads(self._send("/graphql", body, "application/json"))
        if answer.get("errors"):
            first = answer["errors"][0]
            raise ApiError(first.get("extensions", {}).get("code", "ERROR"), first["message"],
                           first.get("path"))
        data: dict[str, Any] = answer["data"]
        return data

    def centrality(self, metric: str, projection: str = "FULL", scope: Scope | None = None,
                   top: int = MAX_TOP, normalized: bool = False, weighted: bool = True,
                   ) -> pd.DataFrame:
        """The `top` nodes by a centrality (PAGERANK, BETWEENNESS, DEGREE…): rank, id, name,
        kind, score; `.attrs` holds nodeCount, distribution and provenance."""
        found = self.query(CENTRALITY, {
            "metric": metric.upper(), "projection": projection.upper(), "scope": scope,
            "top": top, "normalized": normalized, "weighted": weighted})["centrality"]
        frame = pd.DataFrame(found["items"], columns=["rank", "id", "name", "kind", "score"])
        frame.attrs = {k: found[k] for k in ("metric", "nodeCount", "distribution",
                                             "provenance")}
        return frame

    def communities(self, algorithm: str, projection: str = "FULL",
                    scope: Scope | None = None, seed: int | None = None,
                    weighted: bool = True) -> pd.DataFrame:
        """One row per node, in id order: id, name, kind, community (1 the largest) and
        coreValue (K_CORE); `.attrs` holds nodeCount, count, modularity and provenance."""
        found = self.query(COMMUNITIES, {
            "algorithm": algorithm.upper(), "projection": projection.upper(), "scope": scope,
            "seed": seed, "weighted": weighted, "top": MAX_TOP})["communities"]
        rows = sorted((m["id"], m["name"], m["kind"], c["id"], c["coreValue"])
                      for c in found["communities"] for m in c["members"])
        frame = pd.DataFrame(rows, columns=["id", "name", "kind", "community", "coreValue"])
        frame.attrs = {k: found[k] for k in ("algorithm", "nodeCount", "count", "modularity",
                                             "provenance")}
        return frame

    def gaps(self, scope: Scope | None = None, kinds: Iterable[str] | None = None,
             ) -> pd.DataFrame:
        """Coordination gaps, most severe first: kind, severity, explanation, messageKey,
        the first node's id and name (the initiative, pair or region), every node, and the
        evidence."""
        found = self.query(GAPS, {"scope": scope, "language": self._language(),
                                  "kinds": None if kinds is None else list(kinds)})
        rows = [{"kind": g["kind"], "severity": g["severity"],
                 "explanation": g["explanation"], "messageKey": g["messageKey"],
                 "id": g["nodes"][0]["id"], "name": g["nodes"][0]["name"],
                 "nodes": g["nodes"], "evidence": g["evidence"]}
                for g in found["coordinationGaps"]]
        return pd.DataFrame(rows, columns=["kind", "severity", "explanation", "messageKey",
                                           "id", "name", "nodes", "evidence"])

    def matches(self, id: str, k: int = 10, scope: Scope | None = None) -> pd.DataFrame:
        """Who the initiative, programme or firm `id` should meet, best first: id, name,
        kind, score, reasons and one column per score component; `.attrs["emptyReason"]`
        says why when there is none."""
        found = self.query(MATCHES, {"id": id, "k": k, "scope": scope,
                                     "language": self._language()})["matchmaking"]
        rows = [{**m["suggestion"], "score": m["score"], "reasons": m["reasons"],
                 **{c["name"]: c["value"] for c in m["components"]}}
                for m in found["matches"]]
        frame = pd.DataFrame(rows) if rows else pd.DataFrame(
            columns=["id", "name", "kind", "score", "reasons"])
        frame.attrs = {"emptyReason": found["emptyReason"]}
        return frame

    def nodes(self, projection: str = "FULL", scope: Scope | None = None,
              scores: Iterable[str] = (), communities: Iterable[str] = (),
              persisted: Iterable[str] = ()) -> pd.DataFrame:
        """Every node of a projection in a scope (isolated ones too), one row each: id and
        the export's columns (label, name, entity, kind, country, territory, sectors…), plus
        score_<metric> per centrality and community_<algorithm> per algorithm asked for;
        `.attrs` describes the table (projection, scope, analyses and their provenance)."""
        return self.tables(projection, scope, scores, communities, persisted)[0]

    def edges(self, projection: str = "FULL", scope: Scope | None = None) -> pd.DataFrame:
        """Every edge of a projection in a scope: id, source, target, type, weight."""
        return self.tables(projection, scope)[1]

    def tables(self, projection: str = "FULL", scope: Scope | None = None,
               scores: Iterable[str] = (), communities: Iterable[str] = (),
               persisted: Iterable[str] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
        """`nodes` and `edges` of one read of the graph."""
        return graphml_tables(self._graphml(projection, scope, scores, communities, persisted))

    def network(self, projection: str = "FULL", scope: Scope | None = None,
                scores: Iterable[str] = (), communities: Iterable[str] = (),
                persisted: Iterable[str] = ()) -> nx.Graph:
        """The projection as a NetworkX graph (directed for SUPPLY; a multigraph where two
        ties join the same pair) with the node attributes of `nodes`, edge `type` and
        `weight`, and `graph.graph["about"]` describing it."""
        import networkx as nx

        body = self._graphml(projection, scope, scores, communities, persisted)
        graph: nx.Graph = nx.read_graphml(io.BytesIO(body))
        graph.graph["about"] = json.loads(graph.graph.get("about", "{}"))
        return graph

    def _graphml(self, projection: str, scope: Scope | None, scores: Iterable[str],
                 communities: Iterable[str], persisted: Iterable[str]) -> bytes:
        return self._get("/export/graphml",
                         self._export_query(projection, scope, scores, communities, persisted))

    @staticmethod
    def _export_query(projection: str, scope: Scope | None, scores: Iterable[str],
                      communities: Iterable[str], persisted: Iterable[str],
                      ) -> list[tuple[str, str]]:
        query = [("projection", projection.upper())]
        for name, value in (scope or {}).items():
            values = value if isinstance(value, list | tuple) else [value]
            query += [(name, str(v)) for v in values]
        query += [("scores", s.upper()) for s in scores]
        query += [("communities", c.upper()) for c in communities]
        query += [("persisted", p) for p in persisted]
        return query

    def _language(self) -> str | None:
        return None if self.language is None else self.language.upper()

    def _get(self, path: str, query: list[tuple[str, str]]) -> bytes:
        return self._send(f"{path}?{urllib.parse.urlencode(query)}", None, None)

    def _send(self, path: str, body: bytes | None, media_type: str | None) -> bytes:
        headers = {"Accept": "application/json, */*"}
        if media_type:
            headers["Content-Type"] = media_type
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        if self.language:
            headers["Accept-Language"] = self.language
        request = urllib.request.Request(self.url + path, data=body, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                content: bytes = answer.read()
                return content
        except urllib.error.HTTPError as error:
            content = error.read()
            try:
                refused = json.loads(content)
            except ValueError:
                raise ApiError(f"HTTP_{error.code}", content.decode(errors="replace")) from None
            if isinstance(refused, dict) and "errors" in refused:  # GraphQL over HTTP
                first = refused["errors"][0]
                raise ApiError(first.get("extensions", {}).get("code", f"HTTP_{error.code}"),
                               first["message"], first.get("path")) from None
            if isinstance(refused, dict) and "code" in refused:
                raise ApiError(refused["code"], refused.get("message", "")) from None
            raise ApiError(f"HTTP_{error.code}", content.decode(errors="replace")) from None


GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
DTYPES = {"string": "string", "int": "Int64", "long": "Int64", "double": "Float64",
          "float": "Float64", "boolean": "boolean"}


def graphml_tables(body: bytes) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An export's GraphML as a node table and an edge table, typed as its keys say (a value
    a node lacks is missing: <NA>)."""
    root = ET.fromstring(body)
    keys = {k.get("id", ""): (k.get("for"), k.get("attr.name", ""), k.get("attr.type"))
            for k in root.iter(f"{GRAPHML}key")}
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None

    def table(tag: str, first: list[str], owner: str) -> pd.DataFrame:
        columns = [(name, kind) for of, name, kind in keys.values() if of == owner]
        rows = []
        for element in graph.iter(f"{GRAPHML}{tag}"):
            row: dict[str, Any] = {name: element.get(name) for name in first}
            for data in element.iter(f"{GRAPHML}data"):
                row[keys[data.get("key", "")][1]] = data.text
            rows.append(row)
        frame = pd.DataFrame(rows, columns=[*first, *(name for name, _ in columns)])
        return frame.astype({name: DTYPES[kind or "string"] for name, kind in columns}
                            | {name: "string" for name in first})

    about = [data.text or "{}" for data in graph.findall(f"{GRAPHML}data")]
    nodes, edges = table("node", ["id"], "node"), table("edge", ["id", "source", "target"],
                                                         "edge")
    nodes.attrs = edges.attrs = json.loads(about[0]) if about else {}
    return nodes, edges
