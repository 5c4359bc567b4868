"""Running analytics statements: catalogue Cypher in read or write transactions, as rows or
as one list per column, with errors translated like every other query of the service.

GDS's catalogue is not safe against a graph's node properties changing while they are read:
a statement that reads a graph while a property is removed fails with a NullPointerException,
and listing the catalogue while a property is added or removed with a
ConcurrentModificationException. So in each process, a statement that adds or removes node
properties of a graph (MUTATING) runs alone on that graph and while no listing (LISTING)
runs; every other statement naming a graph (parameter `graph`) runs beside the others. A
removal (`retire`) also waits until no statement runs on the graph, unless RETIRED_AT_MOST
removals wait already. Another process's change can still meet a statement, which then fails
as GraphDropped and its analysis runs again.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import weakref
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from neo4j import AsyncManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError

from service.cypher_catalog import as_columns, cypher
from service.database import Database, translated_errors
from service.errors import ArticulaError, DatabaseTimeout, QueryTimeout
from service.messages import msg

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3
RETIRED_AT_MOST = 8
"""Node properties left to remove from one graph before the removal waits for the statements
running on it to end, new ones waiting behind it."""
MUTATING = frozenset(f"analytics/communities/{name}" for name in (
    "louvain", "leiden", "label_propagation", "wcc", "k_core", "drop_partition"))
"""Statements that add or remove node properties of the graph they name."""
LISTING = frozenset({"analytics/graphs"})
"""Statements that read every graph of the catalogue."""

log = logging.getLogger(__name__)

_in_use: Counter[str] = Counter()
"""How many analyses of this process are reading each GDS graph, by name."""
_held: ContextVar[list[str] | None] = ContextVar("articula_held_graphs", default=None)


def hold(graph: str) -> None:
    """Mark the graph as read by the running analysis until it ends (see
    `retried_when_dropped`), so that concurrent requests do not drop it meanwhile."""
    held = _held.get()
    if held is not None:
        held.append(graph)
        _in_use[graph] += 1


def in_use(graph: str) -> bool:
    return _in_use[graph] > 0


class GraphDropped(ArticulaError):
    """A concurrent request dropped the GDS graph this one was about to use, or removed a node
    property of it while this one read it."""

    code = "GRAPH_DROPPED"


def retried_when_dropped(function: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Run an analysis holding the graphs it reads, and again (projecting its graph anew) when
    another process dropped one in between: this process never drops a graph it holds, but
    other workers see only the catalogue."""

    @functools.wraps(function)
    async def again(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS + 1):
            held: list[str] = []
            token = _held.set(held)
            try:
                return await function(*args, **kwargs)
            except GraphDropped:
                if attempt == ATTEMPTS:
                    raise
            finally:
                _held.reset(token)
                _in_use.subtract(held)
                for graph in held:
                    if _in_use[graph] <= 0:
                        del _in_use[graph]
        raise AssertionError("unreachable")

    return again


@dataclass
class _Gates:
    """What runs on the GDS graphs of one service process, and the node properties each graph
    has left to remove; `changed` wakes whoever waits for that to change."""

    reading: Counter[str] = field(default_factory=Counter)
    listing: int = 0
    writing: set[str] = field(default_factory=set)
    waiting: Counter[str] = field(default_factory=Counter)  # writers waiting, by graph
    retired: dict[str, set[str]] = field(default_factory=dict)
    sweeping: set[str] = field(default_factory=set)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)


_gates: weakref.WeakKeyDictionary[Database, _Gates] = weakref.WeakKeyDictionary()


def _of(db: Database) -> _Gates:
    if db not in _gates:
        _gates[db] = _Gates()
    return _gates[db]


@contextlib.asynccontextmanager
async def _on_graph(db: Database, graph: str | None, name: str) -> AsyncIterator[None]:
    """Run a statement on `graph` (None: on the catalogue) once the rule above allows it."""
    gates = _of(db)
    async with gates.changed:
        if name in LISTING:
            # not behind waiting writers: one waiting for a long statement on its graph
            # would hold up every analysis of the process
            await gates.changed.wait_for(lambda: not gates.writing)
            gates.listing += 1
        elif graph is not None and name in MUTATING:
            gates.waiting[graph] += 1
            try:
                await gates.changed.wait_for(lambda: graph not in gates.writing
                                             and not gates.reading[graph]
                                             and not gates.listing)
            finally:
                gates.waiting[graph] -= 1
                if not gates.waiting[graph]:
                    del gates.waiting[graph]
            gates.writing.add(graph)
        elif graph is not None:
            await gates.changed.wait_for(lambda: graph not in gates.writing
                                         and not gates.waiting[graph])
            gates.reading[graph] += 1
    try:
        yield
    finally:
        async with gates.changed:
            if name in LISTING:
                gates.listing -= 1
            elif graph is not None and name in MUTATING:
                gates.writing.discard(graph)
            elif graph is not None:
                gates.reading[graph] -= 1
                if not gates.reading[graph]:
                    del gates.reading[graph]
            gates.changed.notify_all()
        if graph is not None and not gates.reading[graph] and gates.retired.get(graph):
            await _sweep(db, graph)


async def retire(db: Database, graph: str, prop: str) -> None:
    """Remove node property `prop` from the graph once no statement of this process runs on
    it (at once when none does, or when RETIRED_AT_MOST wait); nothing to do when the graph is
    gone."""
    gates = _of(db)
    retired = gates.retired.setdefault(graph, set())
    retired.add(prop)
    if not gates.reading[graph] or len(retired) >= RETIRED_AT_MOST:
        await _sweep(db, graph)


async def _sweep(db: Database, graph: str) -> None:
    """Remove the graph's retired properties, also those retired meanwhile; a failure leaves
    them for the next sweep and is logged, not raised into the request that happened to end
    last."""
    gates = _of(db)
    if graph in gates.sweeping:
        return
    gates.sweeping.add(graph)
    try:
        while removing := sorted(gates.retired.get(graph, ())):
            with contextlib.suppress(GraphDropped):
                await run(db, "analytics/communities/drop_partition",
                          {"graph": graph, "properties": removing})
            left = gates.retired.get(graph, set())
            left.difference_update(removing)
            if not left:
                gates.retired.pop(graph, None)
    except (ArticulaError, ClientError) as error:
        log.warning("Could not remove node properties of GDS graph %s: %s", graph, error)
    finally:
        gates.sweeping.discard(graph)


async def run(db: Database, name: str, parameters: dict[str, Any], *, query: str | None = None,
              write: bool = False, timeout: float | None = None,
              operation: str | None = None) -> list[dict[str, Any]]:
    """Records of statement `name` (or of `query`, built from it) in a managed transaction,
    stopped after `timeout` seconds (default ARTICULA_NEO4J_TIMEOUT); a memory refusal names
    `operation` when given (see `translated_errors`). A statement on a GDS graph, or on the
    catalogue, waits as the module's description says."""
    graph = parameters.get("graph")
    graph = graph if isinstance(graph, str) else None
    if graph is None and name not in LISTING:
        return await _execute(db, name, parameters, query, write, timeout, operation)
    async with _on_graph(db, graph, name):
        return await _execute(db, name, parameters, query, write, timeout, operation)


async def _execute(db: Database, name: str, parameters: dict[str, Any], query: str | None = None,
                   write: bool = False, timeout: float | None = None,
                   operation: str | None = None) -> list[dict[str, Any]]:
    text = query if query is not None else cypher(name)

    @unit_of_work(timeout=timeout if timeout is not None else db.settings.neo4j_timeout_s,
                  metadata={"app": "articula", "statement": name})
    async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
        result = await tx.run(text, parameters)
        # not result.data(): it walks every element of every list value in Python (seconds for
        # the columns of a graph's 10^6 relationships), to convert graph types none of these
        # statements returns
        return [dict(zip(record.keys(), record.values(), strict=True)) async for record in result]

    try:
        with translated_errors(db.settings, operation):
            async with db.driver.session(database=db.settings.neo4j_database) as session:
                if write:
                    return await session.execute_write(work)
                return await session.execute_read(work)
    except ClientError as error:
        if "GraphNotFoundException" in (error.message or "") or _property_removed(error):
            raise GraphDropped(msg("error.analytics.dropped")) from error
        raise


def _property_removed(error: ClientError) -> bool:
    """GDS's failure when another process changed the node properties of a graph the statement
    was reading, or of any graph while it listed the catalogue."""
    message = error.message or ""
    return (("NullPointerException" in message and ".nodeProperty(String)" in message)
            or "ConcurrentModificationException" in message)


async def columns(db: Database, name: str, names: Sequence[str],
                  parameters: dict[str, Any]) -> dict[str, list[Any]]:
    """Statement `name`'s rows as one list per column (one record, not thousands)."""
    rows = await run(db, name, parameters, query=as_columns(name, tuple(names)))
    return rows[0]


async def algorithm(db: Database, name: str, names: Sequence[str],
                    parameters: dict[str, Any]) -> dict[str, list[Any]]:
    """An algorithm's stream as `columns` gives it, stopped past ARTICULA_ANALYTICS_TIMEOUT
    with QueryTimeout (Neo4j checks running transactions every few seconds)."""
    limit = db.settings.analytics_timeout_s
    try:
        rows = await run(db, name, parameters, query=as_columns(name, tuple(names)),
                         timeout=limit)
    except DatabaseTimeout as error:
        raise QueryTimeout(
            msg("error.analytics.timeout", limit=float(limit)), limit=limit) from error
    return rows[0]
