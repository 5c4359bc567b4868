"""Local structure of a projected graph: triangles and clustering coefficients; articulation
points and bridges with the size of what each cuts off.

GDS finds triangles, coefficients, articulation points and bridges; what a cut separates is
counted here, in one depth-first search over the graph's relationships (Tarjan's low-link
values and subtree sizes), so it costs O(n + m) however many cut points there are.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from service.analytics.graphs import (
    AnalyticsGraph,
    guard_memory,
    projected_graph,
    relationships,
)
from service.analytics.ranks import competition_ranks
from service.analytics.results import Provenance, cached, request_key
from service.analytics.statements import algorithm, columns, retried_when_dropped
from service.database import Database
from service.errors import BadUserInput
from service.messages import Message, msg
from service.projections import Projection
from service.scope import Scope


@dataclass(frozen=True, slots=True)
class NodeClustering:
    id: str
    name: str
    kind: str
    triangles: int
    coefficient: float
    rank: int


@dataclass(frozen=True)
class Clustering:
    node_count: int
    triangle_count: int
    average_clustering: float
    ranking: list[NodeClustering]  # most triangles first, then highest coefficient, then id
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class CutPoint:
    id: str
    name: str
    kind: str
    pieces: list[int]  # sizes of the parts its component falls into without it, largest first

    @property
    def cut_off(self) -> int:
        """Nodes separated from the largest remaining part."""
        return sum(self.pieces) - max(self.pieces)


@dataclass(frozen=True, slots=True)
class Bridge:
    source: str
    target: str
    source_name: str
    target_name: str
    sides: tuple[int, int]  # sizes of the two parts without the edge, largest first

    @property
    def cut_off(self) -> int:
        return self.sides[1]


@dataclass(frozen=True)
class Cuts:
    node_count: int
    articulation_points: list[CutPoint]  # most cut off first, then id
    bridges: list[Bridge]  # most cut off first, then ids
    provenance: Provenance


def _undirected(graph: AnalyticsGraph, what: Message) -> None:
    if graph.directed:
        raise BadUserInput(msg("error.undirected", what=what,
                               projection=graph.projection.value), field="projection")


@retried_when_dropped
async def clustering(db: Database, projection: Projection, scope: Scope) -> Clustering:
    """Triangles through each node and local clustering coefficients (unweighted), as
    NetworkX's `triangles` and `clustering`; average over every node, as `average_clustering`."""
    graph = await projected_graph(db, projection, scope)
    _undirected(graph, msg("analysis.clustering"))
    parameters: dict[str, Any] = {"analysis": "CLUSTERING", "gds": {"concurrency": 1}}

    async def compute() -> Clustering:
        config = {"concurrency": 1}
        started = time.perf_counter()
        computed_at = datetime.now(UTC).isoformat(timespec="milliseconds")
        t: dict[str, list[Any]] = {"id": [], "name": [], "kind": [], "triangles": []}
        c: dict[str, list[Any]] = {"id": [], "coefficient": []}
        if not graph.empty:
            await guard_memory(db, graph, "analytics/estimate/clustering", config)
            started = time.perf_counter()
            t = await algorithm(db, "analytics/structure/triangles",
                                ("id", "name", "kind", "triangles"),
                                {"graph": graph.name, "config": config})
            c = await algorithm(db, "analytics/structure/clustering", ("id", "coefficient"),
                                {"graph": graph.name, "config": config})
        runtime_ms = (time.perf_counter() - started) * 1000
        coefficient = dict(zip(c["id"], c["coefficient"], strict=True))
        rows = sorted(zip(t["id"], t["name"], t["kind"], t["triangles"], strict=True),
                      key=lambda r: (-r[3], -coefficient[r[0]], r[0]))
        ranks = competition_ranks((r[3], coefficient[r[0]]) for r in rows)
        ranking = [NodeClustering(i, name, kind, int(tri), float(coefficient[i]), rank)
                   for rank, (i, name, kind, tri) in zip(ranks, rows, strict=True)]
        n = len(ranking)
        return Clustering(
            graph.node_count, sum(r.triangles for r in ranking) // 3,
            sum(r.coefficient for r in ranking) / n if n else 0.0, ranking,
            Provenance.of(graph, "gds.triangleCount.stream + gds.localClusteringCoefficient"
                          ".stream", parameters, None, computed_at, round(runtime_ms, 3)))

    return await cached(db, request_key("clustering", graph, parameters), compute,
                        lambda found, p: replace(found, provenance=p))


@retried_when_dropped
async def cuts(db: Database, projection: Projection, scope: Scope) -> Cuts:
    """Articulation points and bridges, each with the sizes of the parts it separates."""
    graph = await projected_graph(db, projection, scope)
    _undirected(graph, msg("analysis.articulation"))
    parameters: dict[str, Any] = {"analysis": "CUTS", "gds": {"concurrency": 1}}

    async def compute() -> Cuts:
        config = {"concurrency": 1}
        started = time.perf_counter()
        computed_at = datetime.now(UTC).isoformat(timespec="milliseconds")
        # without relationships nothing can be cut (and GDS fails on such a graph)
        points: dict[str, list[Any]] = {"id": [], "name": [], "kind": []}
        bridges: dict[str, list[Any]] = {"source": [], "target": []}
        if graph.relationship_count:
            await guard_memory(db, graph, "analytics/estimate/articulation_points", config)
            await guard_memory(db, graph, "analytics/estimate/bridges", {})
            started = time.perf_counter()
            points = await algorithm(db, "analytics/structure/articulation_points",
                                     ("id", "name", "kind"),
                                     {"graph": graph.name, "config": config})
            bridges = await algorithm(db, "analytics/structure/bridges", ("source", "target"),
                                      {"graph": graph.name, "config": {}})
        runtime_ms = (time.perf_counter() - started) * 1000
        edges = await relationships(db, graph)
        nodes = await columns(db, "analytics/structure/names", ("id", "name", "kind"),
                              {"ids": sorted({*bridges["source"], *bridges["target"]})})
        names = dict(zip(nodes["id"], nodes["name"], strict=True))
        split = await asyncio.to_thread(CutSizes, edges["source"], edges["target"])
        found_points = sorted(
            (CutPoint(i, name, kind, split.pieces(i))
             for i, name, kind in zip(points["id"], points["name"], points["kind"],
                                      strict=True)),
            key=lambda p: (-p.cut_off, p.id))
        found_bridges = []
        for s, t in zip(bridges["source"], bridges["target"], strict=True):
            a, b = min(s, t), max(s, t)
            found_bridges.append(Bridge(a, b, names.get(a, ""), names.get(b, ""),
                                        split.sides(a, b)))
        found_bridges.sort(key=lambda e: (-e.cut_off, e.source, e.target))
        return Cuts(graph.node_count, found_points, found_bridges, Provenance.of(
            graph, "gds.articulationPoints.stream + gds.bridges.stream", parameters, None,
            computed_at, round(runtime_ms, 3)))

    return await cached(db, request_key("cuts", graph, parameters), compute,
                        lambda found, p: replace(found, provenance=p))


class CutSizes:
    """One iterative depth-first search over an undirected edge list (each edge given once or
    both ways): discovery order, low-link values, subtree sizes and component sizes."""

    def __init__(self, sources: list[str], targets: list[str]) -> None:
        adjacency: dict[str, set[str]] = defaultdict(set)
        for s, t in zip(sources, targets, strict=True):
            if s != t:
                adjacency[s].add(t)
                adjacency[t].add(s)
        self.adjacency = {k: sorted(v) for k, v in adjacency.items()}
        self.disc: dict[str, int] = {}
        self.low: dict[str, int] = {}
        self.size: dict[str, int] = {}
        self.parent: dict[str, str | None] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        self.component: dict[str, int] = {}
        self.root: dict[str, str] = {}
        for start in sorted(self.adjacency):
            if start not in self.disc:
                self._search(start)

    def _search(self, start: str) -> None:
        counter = len(self.disc)
        self.disc[start] = self.low[start] = counter
        self.parent[start] = None
        stack: list[tuple[str, int]] = [(start, 0)]
        members = [start]
        while stack:
            node, index = stack[-1]
            neighbours = self.adjacency[node]
            if index < len(neighbours):
                stack[-1] = (node, index + 1)
                nxt = neighbours[index]
                if nxt not in self.disc:
                    counter += 1
                    self.disc[nxt] = self.low[nxt] = counter
                    self.parent[nxt] = node
                    self.children[node].append(nxt)
                    members.append(nxt)
                    stack.append((nxt, 0))
                elif nxt != self.parent[node]:
                    self.low[node] = min(self.low[node], self.disc[nxt])
            else:
                stack.pop()
                self.size[node] = 1 + sum(self.size[c] for c in self.children[node])
                up = self.parent[node]
                if up is not None:
                    self.low[up] = min(self.low[up], self.low[node])
        for m in members:
            self.component[m] = len(members)
            self.root[m] = start

    def pieces(self, node: str) -> list[int]:
        """Sizes of the parts the node's component falls into without it, largest first."""
        if node not in self.disc:
            return []
        separated = [self.size[c] for c in self.children[node]
                     if self.parent[node] is None or self.low[c] >= self.disc[node]]
        rest = self.component[node] - 1 - sum(separated)
        return sorted([*separated, *([rest] if rest > 0 else [])], reverse=True)

    def sides(self, a: str, b: str) -> tuple[int, int]:
        """Sizes of the two parts without edge a-b (a bridge), largest first."""
        child = b if self.parent.get(b) == a else a
        below = self.size[child]
        other = self.component[child] - below
        return (max(below, other), min(below, other))
