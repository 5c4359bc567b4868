"""Mixing: do ties run within or across kinds of actor, government levels, countries and
regions? The mixing matrix, Krackhardt and Stern's E-I index and Newman's attribute
assortativity, as NetworkX computes them on the nodes that have the attribute."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from service.analytics.graphs import projected_graph, relationships
from service.analytics.results import Provenance, cached, request_key
from service.analytics.statements import columns, retried_when_dropped
from service.database import Database
from service.projections import Projection
from service.scope import Scope


class MixingBy(StrEnum):
    KIND = "KIND"
    LEVEL = "LEVEL"
    COUNTRY = "COUNTRY"
    TERRITORY = "TERRITORY"


@dataclass(frozen=True)
class Mixing:
    by: MixingBy
    categories: list[str]
    matrix: list[list[float]]  # ties from category i to category j, as NetworkX counts them
    internal: int  # ties within a category (each undirected edge once)
    external: int  # ties across categories
    ei_index: float | None
    assortativity: float | None
    node_count: int  # nodes with the attribute
    excluded: int  # nodes without it (firms and initiatives have no level; no territory)
    provenance: Provenance


def attribute(by: MixingBy, kind: str, level: str | None, countries: list[str],
              regions: list[str]) -> str | None:
    """The node's category; several countries or regions join as one ('CO;PE')."""
    if by is MixingBy.KIND:
        return kind
    if by is MixingBy.LEVEL:
        return level or None
    values = countries if by is MixingBy.COUNTRY else regions
    return ";".join(values) or None


def assortativity(matrix: list[list[float]]) -> float | None:
    """Newman's coefficient r = (tr e - ||e²||) / (1 - ||e²||), e the matrix over its sum;
    None when undefined (no ties, or a single category)."""
    total = sum(map(sum, matrix))
    if total == 0:
        return None
    e = [[v / total for v in row] for row in matrix]
    a = [sum(row) for row in e]
    b = [sum(col) for col in zip(*e, strict=True)]
    squared = sum(x * y for x, y in zip(a, b, strict=True))
    if squared == 1:
        return None
    trace = sum(e[i][i] for i in range(len(e)))
    return float((trace - squared) / (1 - squared))


@retried_when_dropped
async def mixing(db: Database, projection: Projection, scope: Scope, by: MixingBy) -> Mixing:
    graph = await projected_graph(db, projection, scope)
    parameters: dict[str, Any] = {"analysis": "MIXING", "by": by.value,
                                  "directed": graph.directed}

    async def compute() -> Mixing:
        started = time.perf_counter()
        computed_at = datetime.now(UTC).isoformat(timespec="milliseconds")
        edges = await relationships(db, graph)
        nodes: dict[str, list[Any]] = {"id": []}
        if not graph.empty:
            nodes = await columns(db, "analytics/graph_nodes", ("id",), {"graph": graph.name})
        facts = await columns(db, "analytics/node_attributes",
                              ("id", "kind", "level", "countries", "regions"),
                              {"ids": nodes["id"]})
        category = {i: attribute(by, k, lv, c, r) for i, k, lv, c, r in zip(
            facts["id"], facts["kind"], facts["level"], facts["countries"], facts["regions"],
            strict=True)}
        categories = sorted({v for v in category.values() if v is not None})
        index = {c: i for i, c in enumerate(categories)}
        matrix = [[0.0] * len(categories) for _ in categories]
        inside = across = 0
        for s, t in zip(edges["source"], edges["target"], strict=True):
            a, b = category.get(s), category.get(t)
            if a is None or b is None:
                continue
            matrix[index[a]][index[b]] += 1
            if a == b:
                inside += 1
            else:
                across += 1
        if not graph.directed:  # GDS lists each undirected edge both ways
            inside, across = inside // 2, across // 2
        ties = inside + across
        runtime_ms = (time.perf_counter() - started) * 1000
        return Mixing(by, categories, matrix, inside, across,
                      (across - inside) / ties if ties else None, assortativity(matrix),
                      sum(1 for v in category.values() if v is not None),
                      sum(1 for v in category.values() if v is None),
                      Provenance.of(graph, "mixing (Articula, over the GDS graph's "
                                    "relationships)", parameters, None, computed_at,
                                    round(runtime_ms, 3)))

    return await cached(db, request_key("mixing", graph, parameters), compute,
                        lambda found, p: replace(found, provenance=p))
