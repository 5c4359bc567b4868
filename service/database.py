"""Neo4j access for the service: one async driver, named statements, retried reads.

Every neo4j exception is turned into an Articula error here and nowhere else.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import AsyncGraphDatabase, Record
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from service.cypher_catalog import as_columns, cypher
from service.errors import (
    ArticulaError,
    DatabaseAuthError,
    DatabaseTimeout,
    DatabaseUnavailable,
    GdsMissing,
    MemoryLimit,
)
from service.messages import msg
from service.settings import Settings

RETRY_TIME_S = 5.0  # how long a failing read or transaction is tried again

_SCALARS = frozenset({str, int, float, bool, type(None)})


class _NotPlain(Exception):
    """A value that is not lists, maps and scalars: a node, a relationship, a time."""


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    raise _NotPlain


def record_data(record: Record) -> dict[str, Any]:
    """`record.data()`, copying lists, maps and scalars directly: the driver's exporter tests
    every value against abstract base classes, which costs more than decoding the record."""
    try:
        return {key: _plain(value) for key, value in zip(record.keys(), record, strict=True)}
    except _NotPlain:
        return record.data()


@dataclass(frozen=True)
class ServerInfo:
    neo4j_version: str
    neo4j_edition: str
    gds_version: str


@contextmanager
def translated_errors(settings: Settings, operation: str | None = None) -> Iterator[None]:
    """Re-raise the driver's exceptions as Articula errors that say what to do. Memory
    refusals name `operation` when given: a command or write whose transactions are batches
    of a fixed size, for which a narrower query is no remedy."""
    uri = settings.bolt_uri
    try:
        yield
    except AuthError as error:
        raise DatabaseAuthError(msg("error.database.auth", uri=uri,
                                    user=settings.neo4j_user)) from error
    except (ServiceUnavailable, SessionExpired, OSError) as error:
        raise DatabaseUnavailable(msg("error.database.unreachable", uri=uri,
                                      reason=str(error))) from error
    except (ClientError, TransientError) as error:
        if "TransactionTimedOut" in (error.code or ""):
            raise DatabaseTimeout(msg("error.database.timeout",
                                      limit=float(settings.neo4j_timeout_s))) from error
        if _out_of_memory(error) and operation is not None:
            raise memory_refusal(operation, error) from error
        if _out_of_memory(error):
            raise MemoryLimit(msg("error.database.memory", reason=error.message)) from error
        if isinstance(error, TransientError):
            raise DatabaseUnavailable(msg("error.database.transient",
                                          reason=error.message)) from error
        if "gds." in (error.message or "") and "Unknown function" in (error.message or ""):
            raise GdsMissing(msg("error.database.no_gds", uri=uri)) from error
        raise


_MEMORY_SETTING = re.compile(r"\b(?:dbms|db)\.memory\.transaction\.(?:total\.)?max\b")


def memory_refusal(operation: str, error: Neo4jError) -> MemoryLimit:
    """MEMORY_LIMIT for `operation`, refused by Neo4j for want of transaction memory. Its
    transactions' size is not the caller's to choose (batches of a fixed size, or one
    write), so the remedy is memory, not a narrower query: the setting Neo4j names, else
    both limits; the local server's heap, of which transactions may use 70 % by default;
    or fewer large queries beside it, which share the total."""
    named = _MEMORY_SETTING.search(error.message or "")
    setting = (named.group(0) if named
               else msg("error.database.memory_settings"))
    return MemoryLimit(msg("error.database.operation_memory", operation=operation,
                           reason=error.message, setting=setting))


@contextmanager
def memory_refusals(operation: str) -> Iterator[None]:
    """Re-raise Neo4j's refusals for want of transaction memory as `memory_refusal` of
    `operation`, for code that runs inside a caller's `translated_errors`."""
    try:
        yield
    except Neo4jError as error:
        if _out_of_memory(error):
            raise memory_refusal(operation, error) from error
        raise


def _out_of_memory(error: Neo4jError) -> bool:
    """Neo4j's refusal of a query past the transactions' memory limit: retryable by its
    class, but the same query fails the same way again."""
    return "MemoryPoolOutOfMemoryError" in (error.code or "")


class Database:
    """The service's handle on Neo4j; created once in the app's lifespan."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.driver = AsyncGraphDatabase.driver(
            settings.bolt_uri,
            auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            connection_timeout=5.0,
            connection_acquisition_timeout=10.0,
            max_transaction_retry_time=RETRY_TIME_S,
            user_agent="articula",
        )
        self.statements: Counter[str] = Counter()  # sent, by name: tests pin requests' cost


    @property
    def round_trips(self) -> int:
        return self.statements.total()

    async def close(self) -> None:
        await self.driver.close()

    async def read(self, name: str, **parameters: Any) -> list[dict[str, Any]]:
        """Run catalogue statement `name` as a read; return its records."""
        return await self._read(name, cypher(name), parameters)

    async def read_maps(self, name: str, **parameters: Any) -> list[dict[str, Any]]:
        """`read` for a statement whose values are lists, maps and scalars by construction
        (map projections, never nodes): the values are kept as the driver decoded them."""
        return await self._read(name, cypher(name), parameters, copy=False)

    async def read_columns(self, name: str, columns: Sequence[str], *,
                           max_rows: int | None = None,
                           **parameters: Any) -> dict[str, list[Any]]:
        """Run row statement `name`, getting at most `max_rows` of its rows back as one list
        per column: a single record instead of thousands (the async driver spends about
        0.1 ms on each record, the server almost nothing on a list)."""
        query = as_columns(name, tuple(columns), limited=max_rows is not None)
        rows = await self._read(name, query, {**parameters, "maxRows": max_rows})
        return rows[0]

    async def _read(self, name: str, query: str, parameters: dict[str, Any], *,
                    copy: bool = True) -> list[dict[str, Any]]:
        """The records of one read in an auto-commit transaction (one exchange with the
        server, where a managed transaction adds its commit's), tried again like a managed
        one while the error is retryable and the retry time lasts."""
        statement = neo4j.Query(query, timeout=self.settings.neo4j_timeout_s,
                                metadata={"app": "articula", "statement": name})
        self.statements[name] += 1
        deadline = time.monotonic() + RETRY_TIME_S
        delay = 0.05
        with translated_errors(self.settings):
            while True:
                try:
                    async with self.driver.session(database=self.settings.neo4j_database,
                                                   default_access_mode=neo4j.READ_ACCESS
                                                   ) as session:
                        result = await session.run(statement, parameters)
                        if copy:
                            return [record_data(record) async for record in result]
                        return [dict(zip(record.keys(), record.values(), strict=True))
                                async for record in result]
                except (Neo4jError, DriverError) as error:
                    if (not error.is_retryable() or time.monotonic() + delay > deadline
                            or (isinstance(error, Neo4jError) and _out_of_memory(error))):
                        raise
                await asyncio.sleep(delay)
                delay *= 2

    async def server_info(self) -> ServerInfo:
        rows = await self.read("about/components")
        if not rows:
            raise ArticulaError(msg("error.database.no_version"))
        row = rows[0]
        return ServerInfo(
            neo4j_version=str(row["neo4jVersion"]),
            neo4j_edition=str(row["neo4jEdition"]),
            gds_version=str(row["gdsVersion"]),
        )


def sync_driver(settings: Settings, *, verify: bool = True) -> neo4j.Driver:
    """A blocking driver for the command line and the loaders; checked before it is returned
    unless `verify` is off (the service's, which must start while Neo4j is down)."""
    driver = neo4j.GraphDatabase.driver(
        settings.bolt_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        user_agent="articula-cli" if verify else "articula-writer",
        notifications_min_severity="OFF",  # planner hints about empty databases are noise here
        # the service's answers promptly when Neo4j is away; the command line waits longer
        connection_timeout=30.0 if verify else 5.0,
        connection_acquisition_timeout=60.0 if verify else 10.0,
        max_transaction_retry_time=30.0 if verify else 5.0,
    )
    if not verify:
        return driver
    try:
        with translated_errors(settings):
            driver.verify_connectivity()
    except BaseException:
        driver.close()
        raise
    return driver
