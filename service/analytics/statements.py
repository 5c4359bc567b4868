"""Running analytics statements: catalogue Cypher in read or write transactions, as rows or
as one list per column, with errors translated like every other query of the service."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from contextvars import ContextVar
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
    """A concurrent request dropped the GDS graph this one was about to use."""

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


async def run(db: Database, name: str, parameters: dict[str, Any], *, query: str | None = None,
              write: bool = False, timeout: float | None = None,
              operation: str | None = None) -> list[dict[str, Any]]:
    """Records of statement `name` (or of `query`, built from it) in a managed transaction,
    stopped after `timeout` seconds (default ARTICULA_NEO4J_TIMEOUT); a memory refusal names
    `operation` when given (see `translated_errors`)."""
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
        if "GraphNotFoundException" in (error.message or ""):
            raise GraphDropped(msg("error.analytics.dropped")) from error
        raise


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
