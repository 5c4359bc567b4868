"""A projection over a span of years as one graph with spells: every node and edge of any
year's snapshot (the scope cut at that year, as `network` and `evolution` cut it), each with
the runs of consecutive years it is in. What a dynamic GEXF holds."""

from __future__ import annotations

from dataclasses import dataclass

from service import network as net
from service.database import Database
from service.errors import BadUserInput
from service.evolution import at_year, check_span, fits
from service.messages import msg
from service.projections import Projection
from service.scope import Scope

Spell = tuple[int, int]  # first and last year, both included


@dataclass(frozen=True)
class Timeline:
    graph: net.Graph  # every node and edge of the span; a node's attributes and an edge's
    # weight are those of the last year it is in
    first: int
    last: int
    node_spells: dict[str, list[Spell]]
    edge_spells: dict[str, list[Spell]]


def spells(years: list[int]) -> list[Spell]:
    """Sorted years as runs of consecutive years."""
    runs: list[Spell] = []
    for year in years:
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


async def timeline(db: Database, projection: Projection, scope: Scope, first: int,
                   last: int) -> Timeline:
    """The snapshots of `first`..`last` joined; the scope must have no year of its own."""
    if scope.year is not None:
        raise BadUserInput(msg("error.evolution.scope_year"), field="year")
    check_span(first, last)
    await net.check_codes(db, scope)
    await fits(db, projection, scope)
    nodes: dict[str, net.Node] = {}
    edges: dict[str, net.Edge] = {}
    node_years: dict[str, list[int]] = {}
    edge_years: dict[str, list[int]] = {}
    directed = False
    for year in range(first, last + 1):
        graph = await net.projected(db, projection, at_year(scope, year), checked=True)
        directed = graph.directed
        for node in graph.nodes:
            nodes[node.id] = node
            node_years.setdefault(node.id, []).append(year)
        for edge in graph.edges:
            edges[edge.id] = edge
            edge_years.setdefault(edge.id, []).append(year)
    joined = net.Graph(projection, scope, directed, sorted(nodes.values(), key=lambda n: n.id),
                       sorted(edges.values(), key=lambda e: e.id))
    return Timeline(joined, first, last,
                    {k: spells(v) for k, v in node_years.items()},
                    {k: spells(v) for k, v in edge_years.items()})
