"""The network over time: one snapshot of a projection per year (the scope cut at that year,
as `network` cuts it) and the structure of each, with the initiatives that started and
ended in it."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from service import network as net
from service.analytics import communities as cm
from service.analytics.results import Provenance
from service.database import Database
from service.errors import BadUserInput
from service.messages import msg
from service.projections import Projection
from service.scope import MAX_YEAR, MIN_YEAR, Scope

MAX_YEARS = 60


@dataclass(frozen=True)
class Year:
    year: int
    nodes: int
    edges: int
    density: float
    components: int
    largest_component_share: float
    modularity: float
    degree_centralization: float
    initiatives_started: int
    initiatives_ended: int


@dataclass(frozen=True)
class Evolution:
    years: list[Year]
    provenance: Provenance


def degree_centralization(graph: net.Graph) -> float:
    """Freeman's degree centralization of the simple undirected graph under the projection
    (direction ignored, parallel edges once, no self-loops): the sum over nodes of
    (largest degree - degree), over its largest possible value (n-1)(n-2), the star's;
    0 below three nodes."""
    n = len(graph.nodes)
    if n < 3:
        return 0.0
    links = {frozenset((e.source, e.target)) for e in graph.edges if e.source != e.target}
    degree = Counter(node for link in links for node in link)
    largest = max(degree.values(), default=0)
    return sum(largest - degree[node] for node in graph.ids) / ((n - 1) * (n - 2))


def _check_year(name: str, year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadUserInput(msg("error.scope.year", year=year, low=MIN_YEAR, high=MAX_YEAR),
                           field=name)


def check_span(first: int, last: int) -> None:
    """BadUserInput unless `first`..`last` is a span of at most MAX_YEARS years, each one a
    scope may take."""
    _check_year("from", first)
    _check_year("to", last)
    if first > last:
        raise BadUserInput(msg("error.evolution.order", first=first, last=last), field="from")
    if last - first + 1 > MAX_YEARS:
        raise BadUserInput(msg("error.evolution.span", first=first, last=last,
                               most=MAX_YEARS), field="to")


def at_year(scope: Scope, year: int) -> Scope:
    return replace(scope, year=year)


async def fits(db: Database, projection: Projection, scope: Scope) -> None:
    """QueryTooComplex, before any year is read, when the projection over every year (each
    year's graph lies within it) is past the service's limits."""
    await net.projected(db, projection, scope, checked=True)


async def _span(db: Database, scope: Scope, first: int | None, last: int | None,
                ) -> tuple[int, int, list[dict[str, Any]]]:
    """The years asked for (by default from the first in-scope initiative's start to this
    year) and the in-scope initiatives' start and end years."""
    years = await db.read("evolution/initiative_years", **scope.parameters())
    first = first if first is not None else min(
        (r["startYear"] for r in years if r["startYear"] is not None),
        default=datetime.now(UTC).year)
    last = last if last is not None else datetime.now(UTC).year
    check_span(first, last)
    return first, last, years


async def evolution(db: Database, projection: Projection, scope: Scope, first: int | None,
                    last: int | None, seed: int | None = None) -> Evolution:
    """One entry per year from `first` to `last`; modularity of a seeded Louvain partition
    of each year's graph (weighted as `communities` weighs it)."""
    if scope.year is not None:
        raise BadUserInput(msg("error.evolution.scope_year"), field="scope")
    await net.check_codes(db, scope)
    for name, year in (("from", first), ("to", last)):
        if year is not None:
            _check_year(name, year)
    started = time.perf_counter()
    computed_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    first, last, initiatives = await _span(db, scope, first, last)
    await fits(db, projection, scope)
    starts = Counter(r["startYear"] for r in initiatives)
    ends = Counter(r["endYear"] for r in initiatives)
    entries: list[Year] = []
    louvain: cm.Communities | None = None
    for year in range(first, last + 1):
        at = at_year(scope, year)
        graph = await net.projected(db, projection, at, checked=True)
        louvain = await cm.communities(db, cm.CommunityRequest(
            cm.Algorithm.LOUVAIN, projection, at, seed))
        sizes = graph.components()
        entries.append(Year(
            year=year, nodes=len(graph.nodes), edges=len(graph.edges),
            density=graph.density(), components=len(sizes),
            largest_component_share=sizes[0] / len(graph.nodes) if sizes else 0.0,
            modularity=louvain.modularity, degree_centralization=degree_centralization(graph),
            initiatives_started=starts[year], initiatives_ended=ends[year]))
    assert louvain is not None
    last_run = louvain.provenance
    provenance = Provenance(
        "gds.louvain.mutate", {"from": first, "to": last, "projection": projection.value,
                               "modularity": "LOUVAIN", "seed": last_run.seed},
        last_run.seed, projection.value, scope.describe(), last_run.graph_version,
        last_run.graph, computed_at, (time.perf_counter() - started) * 1000)
    return Evolution(entries, provenance)
