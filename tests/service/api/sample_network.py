"""The sample's projections computed straight from its CSV files, independently of Cypher.

The scope rules are the API contract's, written again in Python over pandas frames; the
territory tree comes from the codes themselves (an ISO 3166-2 code starts with its
country's) and territories.csv, the sector tree from the ISIC reference table.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

import neo4j
import networkx as nx
import pandas as pd
from fastapi.testclient import TestClient

from loaders.load import SAMPLE, load
from service.app import create_app
from service.cypher_catalog import cypher
from tests.neo4j_backends import Backend

ISIC = SAMPLE.parent / "reference" / "isic_rev4.csv"
Row = dict[str, Any]


def sample_client(driver: neo4j.Driver, backend: Backend, **settings: Any) -> Iterator[TestClient]:
    """The app over a database holding the reference data and the sample, loaded once."""
    database = backend.settings.neo4j_database
    with driver.session(database=database) as session:
        session.run(cypher("db/reset")).consume()
    load(SAMPLE, driver, database, progress=False)
    app_settings = backend.settings.model_copy(update=settings)
    with TestClient(create_app(app_settings)) as client:
        yield client


def graphql(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def error_code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    code: str = body["errors"][0]["extensions"]["code"]
    return code


def frame(name: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE / f"{name}.csv", dtype=str, keep_default_na=False)


def _year(value: str) -> int | None:
    return int(value) if value else None


def _active(since: int | None, until: int | None, year: int | None) -> bool:
    return year is None or ((since is None or since <= year) and (until is None or year <= until))


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    type: str
    weight: float
    since: int | None = None
    until: int | None = None


class SampleNetwork:
    """The sample's nodes and relationships, and the scope rules, in plain Python."""

    def __init__(self) -> None:
        self.territory_parent = {r.code: r.parent_code for r in frame("territories").itertuples()}
        isic = pd.read_csv(ISIC, dtype=str, keep_default_na=False)
        self.sector_parent = {r.code: r.parent_code for r in isic.itertuples() if r.parent_code}
        self.nodes: dict[str, Row] = {}
        self.territories: dict[str, list[str]] = {}
        self.sectors: dict[str, list[str]] = {}
        for r in frame("initiatives").to_dict("records"):
            self.nodes[r["id"]] = {"label": "Initiative", "kind": r["type"], "name": r["name"],
                                   "start": _year(r["start_year"]), "end": _year(r["end_year"])}
            self.territories[r["id"]] = r["territory_codes"].split(";")
            self.sectors[r["id"]] = [s for s in r["sector_codes"].split(";") if s]
        for r in frame("firms").to_dict("records"):
            self.nodes[r["id"]] = {"label": "Firm", "kind": "FIRM", "name": r["name"],
                                   "founded": _year(r["founded_year"])}
            self.territories[r["id"]] = [r["territory_code"]]
            self.sectors[r["id"]] = [s for s in r["sector_codes"].split(";") if s]
        for r in frame("institutions").to_dict("records"):
            self.nodes[r["id"]] = {"label": "Institution", "kind": r["kind"], "name": r["name"]}
            self.territories[r["id"]] = [r["territory_code"]] if r["territory_code"] else []
            self.sectors[r["id"]] = []
        for r in frame("programs").to_dict("records"):
            self.nodes[r["id"]] = {"label": "Program", "kind": "PROGRAM", "name": r["name"],
                                   "start": _year(r["start_year"]), "end": _year(r["end_year"])}
        self.links: list[Link] = []
        tables = {"participations": ("actor_id", "initiative_id", "PARTICIPATES_IN"),
                  "governance": ("institution_id", "initiative_id", "GOVERNS"),
                  "supports": ("program_id", "initiative_id", "SUPPORTS"),
                  "supplies": ("supplier_id", "client_id", "SUPPLIES"),
                  "collaborations": ("initiative_id", "partner_initiative_id",
                                     "COLLABORATES_WITH"),
                  "agreements": ("institution_id", "partner_institution_id", "AGREEMENT_WITH")}
        for table, (source, target, kind) in tables.items():
            for r in frame(table).to_dict("records"):
                weight = float(r["weight"]) if r.get("weight") else 1.0
                self.links.append(Link(r[source], r[target], kind, weight,
                                       _year(r["since"]), _year(r["until"])))
        for r in frame("programs").to_dict("records"):
            if r["institution_id"]:
                self.links.append(Link(r["institution_id"], r["id"], "RUNS", 1.0))

    def territory_ancestors(self, code: str) -> set[str]:
        out = set()
        while code:
            out.add(code)
            parts = code.split("-")
            code = self.territory_parent.get(code) or ("-".join(parts[:-1]) if len(parts) > 1
                                                       else "")
        return out

    def sector_ancestors(self, code: str) -> set[str]:
        out = set()
        while code:
            out.add(code)
            code = self.sector_parent.get(code, "")
        return out

    def _places(self, node: str, codes: list[str] | None) -> bool:
        if not codes:
            return True
        return any(self.territory_ancestors(t) & set(codes) for t in self.territories[node])

    def _sectors(self, node: str, codes: list[str] | None) -> bool:
        if not codes:
            return True
        return any(self.sector_ancestors(s) & set(codes) for s in self.sectors[node])

    def in_scope(self, scope: Row) -> set[str]:
        """Ids of the initiatives, actors and programmes in the scope (GraphQL field names)."""
        year = scope.get("year")
        countries, territories = scope.get("countries"), scope.get("territories")
        sectors = scope.get("sectors")
        initiatives = {
            n for n, d in self.nodes.items() if d["label"] == "Initiative"
            and (not scope.get("initiativeTypes") or d["kind"] in scope["initiativeTypes"])
            and _active(d["start"], d["end"], year)
            and self._places(n, countries) and self._places(n, territories)
            and self._sectors(n, sectors)}
        joined = {link.source for link in self.links
                  if link.type in ("PARTICIPATES_IN", "GOVERNS") and link.target in initiatives
                  and _active(link.since, link.until, year)}
        actors = set()
        for n, d in self.nodes.items():
            if d["label"] not in ("Firm", "Institution"):
                continue
            if scope.get("actorKinds") and d["kind"] not in scope["actorKinds"]:
                continue
            if d["label"] == "Firm" and not _active(d["founded"], None, year):
                continue
            own = (self._places(n, countries) and self._places(n, territories)
                   and (not sectors or (d["label"] == "Firm" and self._sectors(n, sectors))))
            if own or n in joined:
                actors.add(n)
        programs = {
            n for n, d in self.nodes.items() if d["label"] == "Program"
            and _active(d["start"], d["end"], year)
            and any((link.type == "SUPPORTS" and link.source == n and link.target in initiatives
                     and _active(link.since, link.until, year))
                    or (link.type == "RUNS" and link.target == n and link.source in actors)
                    for link in self.links)}
        return initiatives | actors | programs

    def nodes_of(self, projection: str, scope: Row) -> set[str]:
        labels = {"FULL": {"Initiative", "Firm", "Institution", "Program"},
                  "ACTORS": {"Firm", "Institution"}, "INITIATIVES": {"Initiative"},
                  "GOVERNANCE": {"Initiative", "Institution"}, "SUPPLY": {"Firm"}}[projection]
        return {n for n in self.in_scope(scope) if self.nodes[n]["label"] in labels}

    def edges_of(self, projection: str, scope: Row) -> Counter[tuple[str, str, str, float]]:
        """The projection's edges as a multiset of (source, target, type, weight)."""
        inside = self.in_scope(scope)
        year = scope.get("year")
        live = [link for link in self.links if link.source in inside and link.target in inside
                and _active(link.since, link.until, year)]
        if projection == "FULL":
            return Counter((x.source, x.target, x.type, x.weight) for x in live)
        if projection == "GOVERNANCE":
            return Counter((x.source, x.target, x.type, 1.0) for x in live
                           if x.type in ("GOVERNS", "AGREEMENT_WITH"))
        if projection == "SUPPLY":
            return Counter((x.source, x.target, x.type, x.weight) for x in live
                           if x.type == "SUPPLIES")
        takes_part = [x for x in live if x.type in ("PARTICIPATES_IN", "GOVERNS")]
        if projection == "ACTORS":
            members: dict[str, set[str]] = defaultdict(set)
            for x in takes_part:
                members[x.target].add(x.source)
            pairs: Counter[tuple[str, str]] = Counter()
            for group in members.values():
                pairs.update(combinations(sorted(group), 2))
            return Counter((a, b, "SHARES_INITIATIVES", float(w)) for (a, b), w in pairs.items())
        joined: dict[str, set[str]] = defaultdict(set)
        for x in takes_part:
            joined[x.source].add(x.target)
        shared: Counter[tuple[str, str]] = Counter()
        for group in joined.values():
            shared.update(combinations(sorted(group), 2))
        collaborations: Counter[tuple[str, str]] = Counter(
            tuple(sorted((x.source, x.target))) for x in live if x.type == "COLLABORATES_WITH")
        out: Counter[tuple[str, str, str, float]] = Counter()
        for pair in set(shared) | set(collaborations):
            s, c = shared[pair], collaborations[pair]
            kind = ("COLLABORATES_WITH" if not s else "SHARES_ACTORS" if not c
                    else "SHARES_ACTORS_AND_COLLABORATES")
            out[(*pair, kind, float(s + c))] += 1
        return out

    def graph(self, projection: str, scope: Row) -> nx.MultiGraph | nx.MultiDiGraph:
        g: nx.MultiGraph | nx.MultiDiGraph = (nx.MultiDiGraph() if projection == "SUPPLY"
                                              else nx.MultiGraph())
        g.add_nodes_from(self.nodes_of(projection, scope))
        for (s, t, kind, w), count in self.edges_of(projection, scope).items():
            for _ in range(count):
                g.add_edge(s, t, type=kind, weight=w)
        return g


@cache
def sample_network() -> SampleNetwork:
    return SampleNetwork()


def edge_multiset(edges: list[Row]) -> Counter[tuple[str, str, str, float]]:
    return Counter((e["source"], e["target"], e["type"], round(float(e["weight"]), 9))
                   for e in edges)


def rounded(edges: Counter[tuple[str, str, str, float]]) -> Counter[tuple[str, str, str, float]]:
    return Counter({(s, t, k, round(w, 9)): n for (s, t, k, w), n in edges.items()})
