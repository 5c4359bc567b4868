"""Scoped projections as node and edge lists, and what is computed on them in Python.

The graph comes from the `cypher/network/` statements; ego networks, shortest paths,
components and density are computed here over the projected edge list, so they hold for
every projection alike (ACTORS and INITIATIVES edges exist only in the projection).
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from service.database import Database
from service.errors import BadUserInput, NotFound, QueryTooComplex
from service.messages import Message, msg
from service.projections import SPECS, NodeLabel, Projection
from service.scope import Scope

MAX_DEPTH = 3
WORK_PER_EDGE = 4
"""ACTORS and INITIATIVES aggregate one row per pair met in each initiative (or actor): more
than this many times the edge limit of them is refused before Neo4j does the work."""
RELATIONSHIP_TYPES = ("PARTICIPATES_IN", "GOVERNS", "RUNS", "SUPPORTS", "SUPPLIES",
                      "COLLABORATES_WITH", "AGREEMENT_WITH")


@dataclass(frozen=True, slots=True)
class Node:
    """A node and what networks and exports show of it. Several codes are one string,
    sorted and ';'-joined (None when there are none), in every format alike."""

    id: str
    name: str
    label: str  # Initiative, Firm, Institution or Program
    kind: str  # initiative type, FIRM, institution kind, or PROGRAM
    country: str | None  # ISO code(s) of the node's country
    territory: str | None = None  # code(s) of the territories it is located in
    sectors: str | None = None  # code(s) of its sectors (ISIC or national)
    firm_size: str | None = None  # a firm's size
    level: str | None = None  # an institution's government level


def joined(codes: Iterable[str]) -> str | None:
    """Codes as one cell: sorted, distinct, ';'-joined; None for none."""
    return ";".join(sorted(set(codes))) or None


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    type: str
    weight: float

    @property
    def id(self) -> str:
        return f"{self.source}|{self.type}|{self.target}"


@dataclass
class Graph:
    """One projection cut by one scope: its nodes (isolated ones too) and edges."""

    projection: Projection
    scope: Scope
    directed: bool
    nodes: list[Node]
    edges: list[Edge]
    scope_node_count: int | None = None  # in-scope nodes before `top` kept the most connected
    _ids: set[str] | None = field(default=None, repr=False)

    @property
    def ids(self) -> set[str]:
        if self._ids is None:
            self._ids = {n.id for n in self.nodes}
        return self._ids

    def cytoscape(self) -> dict[str, Any]:
        """Cytoscape.js elements JSON, built as plain dicts in one pass."""
        return {
            "nodes": [{"data": {"id": n.id, "label": n.name, "name": n.name, "entity": n.label,
                                "kind": n.kind, "country": n.country, "territory": n.territory,
                                "sectors": n.sectors, "firm_size": n.firm_size,
                                "level": n.level}}
                      for n in self.nodes],
            "edges": [{"data": {"id": e.id, "source": e.source, "target": e.target,
                                "type": e.type, "weight": e.weight}} for e in self.edges],
        }

    def neighbours(self, *, follow_direction: bool = False) -> dict[str, list[str]]:
        """Adjacency lists sorted by id; both directions unless `follow_direction`."""
        out: dict[str, set[str]] = {n: set() for n in self.ids}
        for e in self.edges:
            out[e.source].add(e.target)
            if not follow_direction:
                out[e.target].add(e.source)
        return {n: sorted(v) for n, v in out.items()}

    def induced(self, ids: Iterable[str]) -> Graph:
        keep = set(ids)
        return Graph(self.projection, self.scope, self.directed,
                     [n for n in self.nodes if n.id in keep],
                     [e for e in self.edges if e.source in keep and e.target in keep])

    def components(self) -> list[int]:
        """Sizes of the connected components (weakly connected when directed), largest first."""
        parent = {n: n for n in self.ids}

        def root(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for e in self.edges:
            a, b = root(e.source), root(e.target)
            if a != b:
                parent[a] = b
        return sorted(Counter(root(n) for n in parent).values(), reverse=True)

    def density(self) -> float:
        """Linked node pairs over possible pairs, in the simple graph under the projection."""
        n = len(self.nodes)
        if n < 2:
            return 0.0
        if self.directed:
            pairs = {(e.source, e.target) for e in self.edges if e.source != e.target}
            return len(pairs) / (n * (n - 1))
        links = {frozenset((e.source, e.target)) for e in self.edges if e.source != e.target}
        return 2 * len(links) / (n * (n - 1))


async def check_codes(db: Database, scope: Scope) -> None:
    """BadUserInput naming the first country, territory or sector code that names nothing."""
    if not (scope.countries or scope.territories or scope.sectors):
        return
    row = (await db.read("network/known_codes", **scope.parameters()))[0]
    for key, unknown in (("countries", "error.scope.unknown_country"),
                         ("territories", "error.scope.unknown_territory"),
                         ("sectors", "error.scope.unknown_sector")):
        if row[key]:
            code = row[key][0]
            raise BadUserInput(msg(unknown, code=code), field=key, value=code)


PAIRED = {Projection.ACTORS: "error.network.pairs_actors",
          Projection.INITIATIVES: "error.network.pairs_initiatives"}


def _where(scope: Scope) -> Message | str:
    return msg("error.network.whole_graph") if scope.is_everything else json.dumps(
        scope.describe())


def too_complex(projection: Projection, scope: Scope, limit: int) -> QueryTooComplex:
    return QueryTooComplex(
        msg("error.network.too_many_edges", projection=projection.value, limit=limit,
            where=_where(scope), narrow=msg("error.network.narrow")),
        limit=limit, setting="ARTICULA_MAX_NETWORK_EDGES",
    )


def too_many_pairs(projection: Projection, scope: Scope, pairs: int,
                   limit: int) -> QueryTooComplex:
    """The pair-work guard's refusal, naming what it counts: the pairs the projection
    aggregates before merging the ones met twice, not edges."""
    return QueryTooComplex(
        msg(PAIRED[projection], projection=projection.value, where=_where(scope), pairs=pairs,
            limit=limit, times=WORK_PER_EDGE, narrow=msg("error.network.narrow")),
        pairs=pairs, limit=limit, setting="ARTICULA_MAX_NETWORK_EDGES",
    )


NODE_COLUMNS = ("id", "name", "label", "kind", "countries", "territories", "sectors", "size",
                "level")
EDGE_COLUMNS = ("source", "target", "type", "weight")


def _nodes(columns: dict[str, list[Any]]) -> list[Node]:
    return [Node(i, name, label, kind, ";".join(countries) or None, joined(territories),
                 joined(sectors), size or None, level or None)
            for i, name, label, kind, countries, territories, sectors, size, level
            in zip(*(columns[k] for k in NODE_COLUMNS), strict=True)]


async def nodes_in_scope(db: Database, scope: Scope,
                         labels: Iterable[NodeLabel] = tuple(NodeLabel)) -> list[Node]:
    return _nodes(await db.read_columns("network/nodes", NODE_COLUMNS,
                                        labels=[str(label) for label in labels],
                                        **scope.parameters()))


async def projected(db: Database, projection: Projection, scope: Scope,
                    *, checked: bool = False, top: int | None = None) -> Graph:
    """The projection in the scope, nodes and edges from one statement (the scope evaluated
    once); with `top`, only the `top` in-scope nodes with the most relationships in the stored
    graph and the edges among them. QueryTooComplex past the service's edge limit, or when
    ACTORS or INITIATIVES would aggregate more than WORK_PER_EDGE times that many pair rows."""
    if top is not None and top < 1:
        raise BadUserInput(msg("error.at_least_not", name="top", minimum=1, value=top),
                           field="top")
    if not checked:
        await check_codes(db, scope)
    spec = SPECS[projection]
    limit = db.settings.max_network_edges
    row = (await db.read("network/graph", projection=projection.value,
                         labels=[str(label) for label in spec.labels], maxRows=limit + 1,
                         maxWork=WORK_PER_EDGE * limit, top=top, **scope.parameters()))[0]
    if row["work"] > WORK_PER_EDGE * limit:
        raise too_many_pairs(projection, scope, row["work"], WORK_PER_EDGE * limit)
    if len(row["source"]) > limit:
        raise too_complex(projection, scope, limit)
    return Graph(projection, scope, spec.directed, _nodes(row),
                 list(map(Edge, *(row[k] for k in EDGE_COLUMNS))), int(row["scopeNodes"]))


async def _endpoint(db: Database, graph: Graph, node_id: str) -> None:
    """NotFound for an id no node has; BadUserInput for a node outside the projected graph."""
    if node_id in graph.ids:
        return
    rows = await db.read("db/known_entities", ids=[node_id])
    if not rows:
        raise NotFound(msg("error.network.unknown_id", id=node_id), id=node_id)
    label = next((lbl for lbl in rows[0]["labels"] if lbl in set(NodeLabel)), "node")
    raise BadUserInput(msg("error.network.outside", id=node_id, label=label,
                           projection=graph.projection.value), id=node_id)


async def ego_network(db: Database, node_id: str, depth: int, projection: Projection,
                      scope: Scope) -> Graph:
    """Nodes within `depth` hops of the node (either direction) and the edges among them."""
    if not 1 <= depth <= MAX_DEPTH:
        raise BadUserInput(msg("error.between_not", name="depth", low=1, high=MAX_DEPTH,
                               value=depth), field="depth")
    graph = await projected(db, projection, scope)
    await _endpoint(db, graph, node_id)
    adjacency = graph.neighbours()
    seen = {node_id}
    frontier = [node_id]
    for _ in range(depth):
        frontier = [m for n in frontier for m in adjacency[n] if m not in seen]
        seen.update(frontier)
    return graph.induced(seen)


async def shortest_path(db: Database, source: str, target: str, projection: Projection,
                        scope: Scope) -> Graph | None:
    """A path with the fewest edges (following edge direction when the projection is
    directed), as its nodes in order and one edge per step; None when there is none."""
    graph = await projected(db, projection, scope)
    await _endpoint(db, graph, source)
    await _endpoint(db, graph, target)
    adjacency = graph.neighbours(follow_direction=graph.directed)
    previous: dict[str, str | None] = {source: None}
    queue = deque([source])
    while queue and target not in previous:
        n = queue.popleft()
        for m in adjacency[n]:
            if m not in previous:
                previous[m] = n
                queue.append(m)
    if target not in previous:
        return None
    path = [target]
    while (step := previous[path[-1]]) is not None:
        path.append(step)
    path.reverse()
    by_id = {n.id: n for n in graph.nodes}
    steps = []
    for a, b in itertools.pairwise(path):
        steps.append(min((e for e in graph.edges
                          if (e.source, e.target) == (a, b)
                          or (not graph.directed and (e.source, e.target) == (b, a))),
                         key=lambda e: (e.type, e.source)))
    return Graph(projection, scope, graph.directed, [by_id[n] for n in path], steps)


@dataclass(frozen=True)
class TerritoryCount:
    code: str
    name: str
    level: str
    initiatives: int
    firms: int
    institutions: int


async def territory_counts(db: Database, scope: Scope) -> list[TerritoryCount]:
    rows = await db.read("network/territory_counts", **scope.parameters())
    return [TerritoryCount(r["code"], r["name"], r["level"], r["initiatives"], r["firms"],
                           r["institutions"]) for r in rows]
