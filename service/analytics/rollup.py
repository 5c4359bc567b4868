"""Roll-up: a node metric summed up per territory (municipality, region or country), with
the ties within and between territories counted."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from service.analytics.centrality import Centrality, CentralityRequest, centrality
from service.analytics.graphs import projected_graph, relationships
from service.analytics.results import Provenance
from service.analytics.statements import columns, retried_when_dropped
from service.database import Database


class Level(StrEnum):
    COUNTRY = "COUNTRY"
    REGION = "REGION"
    MUNICIPALITY = "MUNICIPALITY"


@dataclass(frozen=True, slots=True)
class TerritoryScore:
    code: str
    name: str
    node_count: int
    mean: float
    max: float
    sum: float
    internal_ties: int


@dataclass(frozen=True, slots=True)
class TerritoryTie:
    source: str
    target: str
    count: int


@dataclass(frozen=True)
class Rollup:
    level: Level
    territories: list[TerritoryScore]  # highest sum first, then code
    ties: list[TerritoryTie]  # most ties first, then codes
    unplaced: int  # nodes in no territory of the level
    provenance: Provenance  # the metric's


@retried_when_dropped
async def rollup(db: Database, request: CentralityRequest, level: Level) -> Rollup:
    """The metric of every node, aggregated over the territories of `level` each node lies in
    (a node in several counts in each); ties between nodes counted per pair of territories
    (each undirected tie once; a tie between nodes in several territories counts for every
    pair)."""
    found: Centrality = await centrality(db, request)
    graph = await projected_graph(db, request.projection, request.scope, checked=True)
    scores = found.scores
    places = await columns(db, "analytics/node_territories", ("id", "code", "name"),
                           {"ids": sorted(scores), "level": level.value})
    edges = await relationships(db, graph)
    return await asyncio.to_thread(_aggregate, level, scores, places, edges, graph.directed,
                                   found.provenance)


def _aggregate(level: Level, scores: dict[str, float], places: dict[str, list[str]],
               edges: dict[str, list[str]], directed: bool, provenance: Provenance) -> Rollup:
    where: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for i, code, name in zip(places["id"], places["code"], places["name"], strict=True):
        where[i].append(code)
        names[code] = name
    members: dict[str, list[float]] = defaultdict(list)
    for i, codes in where.items():
        for code in codes:
            members[code].append(scores[i])
    internal: dict[str, int] = defaultdict(int)
    between: dict[tuple[str, str], int] = defaultdict(int)
    for s, t in zip(edges["source"], edges["target"], strict=True):
        if not directed and s > t:
            continue  # GDS lists an undirected tie both ways
        for a in where.get(s, ()):
            for b in where.get(t, ()):
                if a == b:
                    internal[a] += 1
                else:
                    between[(a, b) if directed else (min(a, b), max(a, b))] += 1
    territories = sorted(
        (TerritoryScore(code, names[code], len(v), sum(v) / len(v), max(v), sum(v),
                        internal[code]) for code, v in members.items()),
        key=lambda t: (-t.sum, t.code))
    ties = sorted((TerritoryTie(a, b, n) for (a, b), n in between.items()),
                  key=lambda t: (-t.count, t.source, t.target))
    return Rollup(level, territories, ties, sum(1 for i in scores if i not in where),
                  provenance)
