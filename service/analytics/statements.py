"""Running analytics statements: catalogue Cypher in read or write transactions, as rows or
as one list per column, with errors translated like every other query of the service.

GDS fails with a NullPointerException in a statement that reads a graph while a node property
of that graph is removed, so a removal (`retire`) waits until no statement of this process
runs on the graph, and statements wait while it runs; another process's removal can still
meet a statement, which then fails as GraphDropped and its analysis runs again.
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
"""Node properties left to remove from one graph before new statements on it wait for the
running ones to end, so that the removal can run."""

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
class _Gate:
    """This process's statements running on one GDS graph, and the node properties left to
    remove from it; statements enter while `open` is set."""

    running: int = 0
    retired: set[str] = field(default_factory=set)
    sweeping: bool = False
    open: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.open.set()


_gates: weakref.WeakKeyDictionary[Database, dict[str, _Gate]] = weakref.WeakKeyDictionary()


def _gate(db: Database, graph: str) -> _Gate:
    return _gates.setdefault(db, {}).setdefault(graph, _Gate())


@contextlib.asynccontextmanager
async def _on_graph(db: Database, graph: str) -> AsyncIterator[None]:
    gate = _gate(db, graph)
    while not gate.open.is_set():
        await gate.open.wait()
        gate = _gate(db, graph)  # a swept gate may have been let go meanwhile
    gate.running += 1
    try:
        yield
    finally:
        gate.running -= 1
        if gate.running == 0:
            await _sweep(db, graph, gate)


async def retire(db: Database, graph: str, prop: str) -> None:
    """Remove node property `prop` from the graph as soon as no statement of this process
    runs on it (at once when none does); nothing to do when the graph is gone."""
    gate = _gate(db, graph)
    gate.retired.add(prop)
    if gate.running == 0:
        await _sweep(db, graph, gate)
    elif len(gate.retired) >= RETIRED_AT_MOST:
        gate.open.clear()


async def _sweep(db: Database, graph: str, gate: _Gate) -> None:
    """Remove the retired properties while no statement runs on the graph; a failure leaves
    them for the next sweep and is logged, not raised into the request that happened to end
    last."""
    if gate.sweeping:
        return
    gate.sweeping = True
    gate.open.clear()
    try:
        while gate.retired:
            removing = sorted(gate.retired)
            with contextlib.suppress(GraphDropped):
                await _execute(db, "analytics/communities/drop_partition",
                               {"graph": graph, "properties": removing})
            gate.retired.difference_update(removing)
    except (ArticulaError, ClientError) as error:
        log.warning("Could not remove node properties %s of GDS graph %s: %s",
                    sorted(gate.retired), graph, error)
    finally:
        gate.sweeping = False
        gate.open.set()
        if gate.running == 0 and not gate.retired:
            _gates.get(db, {}).pop(graph, None)


async def run(db: Database, name: str, parameters: dict[str, Any], *, query: str | None = None,
              write: bool = False, timeout: float | None = None,
              operation: str | None = None) -> list[dict[str, Any]]:
    """Records of statement `name` (or of `query`, built from it) in a managed transaction,
    stopped after `timeout` seconds (default ARTICULA_NEO4J_TIMEOUT); a memory refusal names
    `operation` when given (see `translated_errors`). A statement on a named GDS graph
    (parameter `graph`) waits while properties are removed from it."""
    graph = parameters.get("graph")
    if not isinstance(graph, str):
        return await _execute(db, name, parameters, query, write, timeout, operation)
    async with _on_graph(db, graph):
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
    """GDS's failure when another process removed a node property the statement was reading."""
    message = error.message or ""
    return "NullPointerException" in message and ".nodeProperty(String)" in message


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
