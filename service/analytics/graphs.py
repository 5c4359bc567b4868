"""GDS graphs built from a projection and a scope, cached in the GDS catalogue, and the
memory guard every algorithm run passes.

A graph is named from its projection, a hash of its scope and the graph version
(`articula-actors-1a2b3c4d5e6f-v7-0a1b2c`), so a name says exactly what it holds. An unscoped
FULL, GOVERNANCE or SUPPLY graph is projected natively when the store allows it
(`native_relationships`), every other graph by the projection's Cypher statement; both give
the same graph. ACTORS is projected in place (its pairs streamed into GDS by one statement)
once GDS's estimate of its size fits in the heap (`guard_projection`). Graphs of another
version are dropped when seen; past `analytics_cached_graphs` the least recently used go;
when an estimate does not fit in the free heap, every other cached graph goes first. A graph
an analysis of this process is still reading is never dropped (`hold`). Service processes
sharing one Neo4j name graphs alike: when GDS refuses a projection because another process
made (or is making) the same graph, that graph is used.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from neo4j.exceptions import ClientError

from service.analytics.slots import analysis_slot
from service.analytics.statements import columns, hold, in_use, run
from service.cypher_catalog import cypher
from service.database import Database
from service.errors import DatabaseTimeout, MemoryLimit, QueryTimeout
from service.messages import msg
from service.network import check_codes
from service.projections import PLACES, SPECS, NodeLabel, Projection, ProjectionSpec
from service.scope import Scope

PREFIX = "articula-"
WEIGHTED = frozenset({Projection.ACTORS, Projection.INITIATIVES, Projection.SUPPLY})
"""Projections whose weights mean something (shared initiatives or actors, supply shares);
FULL and GOVERNANCE edges all weigh 1, so their graphs are used unweighted."""


@dataclass(frozen=True)
class GraphVersion:
    """The version counter every write bumps, and when it last changed."""

    version: int
    changed_at: str | None

    @property
    def token(self) -> str:
        stamp = hashlib.sha256((self.changed_at or "").encode()).hexdigest()[:6]
        return f"{self.version}-{stamp}"


@dataclass(frozen=True)
class AnalyticsGraph:
    name: str
    projection: Projection
    scope: Scope
    version: GraphVersion
    node_count: int
    relationship_count: int
    native: bool = False  # projected natively (see native_relationships), else by Cypher

    @property
    def directed(self) -> bool:
        return SPECS[self.projection].directed

    @property
    def weighted(self) -> bool:
        """Whether the projection's weights mean something (see WEIGHTED)."""
        return self.projection in WEIGHTED

    @property
    def empty(self) -> bool:
        """No node in the scope: nothing was projected (GDS projects no graph of no rows), and
        every analysis answers its empty result without asking GDS."""
        return self.node_count == 0


@dataclass(frozen=True)
class Estimate:
    bytes_min: int
    bytes_max: int
    required: str
    free_heap: int
    limit: int

    def describe(self) -> dict[str, Any]:
        return {"bytesMin": self.bytes_min, "bytesMax": self.bytes_max,
                "requiredMemory": self.required, "freeHeap": self.free_heap,
                "limit": self.limit}


@dataclass
class _Catalogue:
    """What one service process knows of its graphs: a lock per name and the order of use."""

    locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    used: OrderedDict[str, None] = field(default_factory=OrderedDict)
    dropping: set[str] = field(default_factory=set)

    def lock(self, name: str) -> asyncio.Lock:
        return self.locks.setdefault(name, asyncio.Lock())

    def touch(self, name: str) -> None:
        self.used[name] = None
        self.used.move_to_end(name)


_catalogues: weakref.WeakKeyDictionary[Database, _Catalogue] = weakref.WeakKeyDictionary()


def _catalogue(db: Database) -> _Catalogue:
    if db not in _catalogues:
        _catalogues[db] = _Catalogue()
    return _catalogues[db]


def scope_key(scope: Scope) -> str:
    """A short stable hash of the scope's normalized content."""
    text = json.dumps(scope.describe(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def graph_name(projection: Projection, scope: Scope, version: GraphVersion) -> str:
    return f"{PREFIX}{projection.value.lower()}-{scope_key(scope)}-v{version.token}"


def _splice(text: str, block: str, statement: str) -> str:
    begin, end = f"// {block}: begin", f"// {block}: end"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{statement}\n{tail.lstrip(' ')}"


def _unordered(statement: str) -> str:
    """The edge statement without its final ORDER BY: the projection sums the rows by pair,
    so sorting them first is work for nothing (5 million rows and most of the transaction
    memory of the whole 1M-actor dataset's projection)."""
    body, last = statement.rstrip().rsplit("\n", 1)
    return body if last.lstrip().startswith("ORDER BY ") else statement


@cache
def rows_query(projection: Projection) -> str:
    """analytics/project_rows with the projection's node and edge statements in their places,
    returning one row: a list of [source, target, weight] (target null for a node row)."""
    text = _splice(cypher("analytics/project_rows"), "nodes", cypher("analytics/node_ids"))
    text = _splice(text, "edges", _unordered(cypher(SPECS[projection].statement)))
    return f"CALL () {{\n{text}\n}}\nRETURN collect([source, target, weight]) AS rows"


def native_relationships(spec: ProjectionSpec) -> dict[str, dict[str, Any]]:
    """The GDS relationship projection of the spec's native form: per GDS type, the stored
    type(s) it reads, orientation, parallel relationships summed into one, weight = the
    stored `weight` or 1 (only SUPPLIES stores one)."""
    assert spec.native is not None
    form = {"orientation": "NATURAL" if spec.directed else "UNDIRECTED", "aggregation": "SUM",
            "properties": {"weight": {"property": "weight", "defaultValue": 1.0,
                                      "aggregation": "SUM"}}}
    if spec.native.merged:
        return {"LINK": {"type": "*", **form}}
    return {str(t): {"type": str(t), **form} for t in spec.native.types}


async def can_project_natively(db: Database, projection: Projection, scope: Scope) -> bool:
    """Whether GDS's native projection gives exactly the graph of the projection's statement:
    the scope is everything, the projection has a native form, and the store knows its labels,
    types and `weight` (GDS refuses unknown ones; `*` reads whichever exist), holds no other
    type between its labels when the types are merged, and, when programmes are nodes, no
    programme outside every scope."""
    spec = SPECS[projection]
    if spec.native is None or not scope.is_everything:
        return False
    row = (await run(db, "analytics/native_check", {}))[0]
    labels, types = set(row["labels"]), set(row["types"])
    read = {str(t) for t in spec.native.types}
    if not ({str(label) for label in spec.labels} <= labels and "weight" in row["keys"]):
        return False
    if types - read - {str(t) for t in PLACES} if spec.native.merged else read - types:
        return False
    return NodeLabel.PROGRAM not in spec.labels or row["unlinkedPrograms"] == 0


async def project_natively(db: Database, name: str, projection: Projection,
                           limit: float) -> dict[str, Any]:
    """GDS's native projection of the projection's unscoped graph as `name`; GDS's answer."""
    spec = SPECS[projection]
    return (await run(db, "analytics/project_native", {
        "graph": name, "labels": [str(label) for label in spec.labels],
        "relationships": native_relationships(spec),
    }, timeout=limit))[0]


async def project_by_cypher(db: Database, name: str, projection: Projection, scope: Scope,
                            limit: float) -> dict[str, Any]:
    """The projection's graph in the scope, projected as `name` by its in-place statement
    once its estimate fits, else from its rows; GDS's answer, graph null when there
    were no rows."""
    form = SPECS[projection].in_place
    if form is None:
        return await _project_rows(db, name, projection, scope, limit)
    await guard_projection(db, projection, scope, limit)
    return (await run(db, form.statement, {"graph": name, **scope.parameters()},
                      timeout=limit))[0]


async def _project_rows(db: Database, name: str, projection: Projection, scope: Scope,
                        limit: float) -> dict[str, Any]:
    """The projection's rows in the scope (analytics/project_rows), projected as `name`;
    GDS's answer, graph null when there were no rows."""
    spec = SPECS[projection]
    rows = (await run(db, "analytics/project_rows", {
        "directed": spec.directed,
        "labels": [str(label) for label in spec.labels], **scope.parameters(),
    }, query=rows_query(projection), timeout=limit))[0]
    return (await run(db, "analytics/project", {
        "graph": name, "directed": spec.directed, **rows,
    }, timeout=limit))[0]


async def graph_version(db: Database) -> GraphVersion:
    row = (await run(db, "analytics/graph_version", {}))[0]
    return GraphVersion(int(row["version"]), row["changedAt"])


async def _drop(db: Database, name: str) -> None:
    """Drop the graph once: requests that see the same stale graph at once leave it to the
    first (GDS fails with a NullPointerException on a graph another call is removing), and a
    failure is ignored when the graph is gone all the same (another worker dropped it)."""
    catalogue = _catalogue(db)
    if name in catalogue.dropping:
        return
    catalogue.dropping.add(name)
    try:
        await run(db, "analytics/drop_graph", {"graph": name})
    except ClientError:
        listed = await run(db, "analytics/graphs", {"prefix": name})
        if any(row["graph"] == name for row in listed):
            raise
    finally:
        catalogue.dropping.discard(name)
    catalogue.used.pop(name, None)
    lock = catalogue.locks.get(name)
    if lock is not None and not lock.locked():  # every version names new graphs: no pile-up
        del catalogue.locks[name]


async def projected_graph(db: Database, projection: Projection, scope: Scope,
                          *, checked: bool = False) -> AnalyticsGraph:
    """The GDS graph of the projection in the scope at the current graph version, projected
    unless the catalogue holds it; stale graphs are dropped on the way."""
    if not checked:
        await check_codes(db, scope)
    version = await graph_version(db)
    name = graph_name(projection, scope, version)
    hold(name)
    catalogue = _catalogue(db)
    async with catalogue.lock(name):
        listed = await run(db, "analytics/graphs", {"prefix": PREFIX})
        current = f"-v{version.token}"
        present = {}
        for row in listed:
            if row["graph"].endswith(current):
                present[row["graph"]] = row
            elif not in_use(row["graph"]):
                await _drop(db, row["graph"])
        if name not in present:
            await _make_room(db, set(present), db.settings.analytics_cached_graphs - 1)
            limit = db.settings.analytics_timeout_s
            try:
                with analysis_slot(db, msg("analysis.projecting",
                                                       projection=projection.value)):
                    native = await can_project_natively(db, projection, scope)
                    try:
                        row = await (project_natively(db, name, projection, limit) if native
                                     else project_by_cypher(db, name, projection, scope, limit))
                    except ClientError as error:
                        if not projected_elsewhere(error):
                            raise
                        row = await _other_projection(db, name, limit)
            except DatabaseTimeout as error:
                raise QueryTimeout(
                    msg("error.analytics.projection_timeout", projection=projection.value,
                        limit=float(limit)), limit=limit,
                ) from error
            if row["graph"] is None:  # no rows: GDS projects nothing
                return AnalyticsGraph(name, projection, scope, version, 0, 0)
            present[name] = {**row, "native": native}
        catalogue.touch(name)
    row = present[name]
    return AnalyticsGraph(name, projection, scope, version, int(row["nodeCount"]),
                          int(row["relationshipCount"]), bool(row["native"]))


def projected_elsewhere(error: ClientError) -> bool:
    """GDS refused a projection because another service process projects (or has projected)
    the same graph: the graph version lives in the database, so replicas name graphs alike."""
    message = error.message or ""
    return "already exists" in message or "already loaded" in message


async def _other_projection(db: Database, name: str, limit: float) -> dict[str, Any]:
    """The catalogue's row of the graph another process is projecting, once it is there."""
    deadline = asyncio.get_running_loop().time() + limit
    while True:
        for row in await run(db, "analytics/graphs", {"prefix": name}):
            if row["graph"] == name:
                return dict(row)
        if asyncio.get_running_loop().time() > deadline:
            raise QueryTimeout(msg("error.analytics.other_projection", name=name,
                                   limit=float(limit)), limit=limit)
        await asyncio.sleep(0.1)


async def relationships(db: Database, graph: AnalyticsGraph,
                        statement: str = "analytics/relationships") -> dict[str, list[Any]]:
    """Every relationship of the graph as columns (source, target, weight) from `statement`;
    no columns to read when it has none (GDS cannot stream a property no relationship has)."""
    if graph.relationship_count == 0:
        return {"source": [], "target": [], "weight": []}
    return await columns(db, statement, ("source", "target", "weight"), {"graph": graph.name})


async def _make_room(db: Database, present: set[str], keep: int, *,
                     spare: str | None = None) -> None:
    """Drop the least recently used of `present` until at most `keep` remain (never `spare`,
    nor a graph an analysis of this process is reading)."""
    used = _catalogue(db).used
    order = sorted(present, key=lambda n: list(used).index(n) if n in used else -1)
    for name in order:
        if len(present) <= keep:
            break
        if name != spare and not in_use(name):
            await _drop(db, name)
            present.discard(name)


async def free_heap(db: Database) -> int:
    return int((await run(db, "analytics/free_heap", {}))[0]["freeHeap"])


async def guard_memory(db: Database, graph: AnalyticsGraph, estimate: str,
                       config: dict[str, Any]) -> Estimate:
    """GDS's estimate for running `estimate` (an analytics/estimate/* statement) on the graph;
    MemoryLimit when it does not fit in the free heap even after every other cached graph is
    dropped (or exceeds `analytics_max_memory`)."""
    estimated, free_now = await asyncio.gather(
        run(db, estimate, {"graph": graph.name, "config": config}), free_heap(db))
    found = await _room_for(db, estimated[0], free_now, spare=graph.name)
    if found.bytes_max <= found.limit:
        return found
    raise MemoryLimit(
        msg("error.analytics.memory", bytes=found.bytes_max, required=found.required,
            available=found.limit),
        estimate=found.describe(),
    )


async def guard_projection(db: Database, projection: Projection, scope: Scope,
                           limit: float) -> Estimate:
    """GDS's estimate of the in-place projection's graph in the scope; MemoryLimit, naming
    the pairs it would derive, when it does not fit as `guard_memory` says."""
    form = SPECS[projection].in_place
    assert form is not None
    estimated, free_now = await asyncio.gather(
        run(db, form.estimate, scope.parameters(), timeout=limit), free_heap(db))
    row = estimated[0]
    found = await _room_for(db, row, free_now, spare=None)
    if found.bytes_max <= found.limit:
        return found
    raise MemoryLimit(
        msg("error.analytics.projection_memory", projection=projection.value,
            pairs=int(row["pairs"]), bytes=found.bytes_max, required=found.required,
            available=found.limit),
        estimate=found.describe(),
    )


async def _room_for(db: Database, row: dict[str, Any], free_now: int, *,
                    spare: str | None) -> Estimate:
    """The estimate `row` against the free heap (`free_now`, measured with it) and
    `analytics_max_memory`; when it does not fit but could, every cached graph but `spare` is
    dropped and the heap measured again."""
    cap = db.settings.analytics_max_memory

    async def measured(free: int | None = None) -> Estimate:
        free = await free_heap(db) if free is None else free
        limit = free if cap is None else min(cap, free)
        return Estimate(int(row["bytesMin"]), int(row["bytesMax"]), str(row["requiredMemory"]),
                        free, limit)

    found = await measured(free_now)
    if found.bytes_max > found.limit and (cap is None or found.bytes_max <= cap):
        listed = await run(db, "analytics/graphs", {"prefix": PREFIX})
        await _make_room(db, {r["graph"] for r in listed}, 0 if spare is None else 1,
                         spare=spare)
        found = await measured()
    return found
