"""Whether a large load is under way, as every API answer reports it.

A large load commits batch by batch, so readers see its rows as they are written; while
any load is WRITING (or ROLLING_BACK) the data is not a dataset that was committed whole.
Every GraphQL answer reads this state, so each process reads the (:Load) records at most
once a second and shares that read between the requests of that second.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from service.cypher_catalog import cypher
from service.database import Database, translated_errors
from service.errors import ArticulaError

log = logging.getLogger(__name__)

MAX_AGE_S = 1.0  # how old a state every request of the process shares may be


class DataState(StrEnum):
    READY = "READY"  # no load is under way: what is read was committed whole
    LOADING = "LOADING"  # a large load is writing: its batches so far are visible
    ROLLING_BACK = "ROLLING_BACK"  # a failed large load is being undone


class LoadStatus(StrEnum):
    WRITING = "WRITING"
    ROLLING_BACK = "ROLLING_BACK"


@dataclass(frozen=True)
class LoadProgress:
    """A large load under way, as its (:Load) record tells."""

    id: str
    source: str
    status: LoadStatus
    rows_written: int  # rows of the batches committed so far (the loader counts them)
    rows_total: int
    started_at: str | None  # ISO 8601
    lease_lapsed: bool  # its loader stopped renewing its lease: it is about to be rolled back

    def describe(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "status": self.status.value,
                "rowsWritten": self.rows_written, "rowsTotal": self.rows_total,
                "startedAt": self.started_at, "leaseLapsed": self.lease_lapsed}


@dataclass(frozen=True)
class LoadState:
    loads: tuple[LoadProgress, ...]

    @property
    def state(self) -> DataState:
        if not self.loads:
            return DataState.READY
        if any(load.status is LoadStatus.WRITING for load in self.loads):
            return DataState.LOADING
        return DataState.ROLLING_BACK

    @property
    def ready(self) -> bool:
        return not self.loads

    def extensions(self) -> dict[str, Any]:
        """What a GraphQL answer's `extensions` carry: nothing when READY."""
        if self.ready:
            return {}
        return {"dataState": self.state.value,
                "loads": [load.describe() for load in self.loads]}

    @classmethod
    def of(cls, rows: list[dict[str, Any]]) -> LoadState:
        return cls(tuple(
            LoadProgress(id=str(row["loadId"]), source=str(row["source"]),
                         status=LoadStatus(row["status"]), rows_written=int(row["rowsWritten"]),
                         rows_total=int(row["rowsTotal"]), started_at=row["startedAt"],
                         lease_lapsed=bool(row["lapsed"]))
            for row in rows))


@dataclass
class _Watch:
    state: LoadState | None = None  # None: Neo4j did not answer the last read
    read_at: float = float("-inf")
    reading: asyncio.Task[LoadState | None] | None = None


_watches: weakref.WeakKeyDictionary[Database, _Watch] = weakref.WeakKeyDictionary()


async def load_state(db: Database, *, fresh: bool = False) -> LoadState | None:
    """The loads under way, read at most once a second (unless `fresh`); None when Neo4j did
    not answer (the request itself then says so)."""
    watch = _watches.setdefault(db, _Watch())
    if not fresh and time.monotonic() - watch.read_at < MAX_AGE_S:
        return watch.state
    if watch.reading is None or watch.reading.done():
        watch.reading = asyncio.ensure_future(_read(db, watch))
    return await asyncio.shield(watch.reading)


def remember(db: Database, state: LoadState) -> None:
    """Keep a state read elsewhere (`about`) as the process's latest."""
    watch = _watches.setdefault(db, _Watch())
    watch.state, watch.read_at = state, time.monotonic()


async def read_load_state(db: Database) -> LoadState:
    """The loads under way, in one read that is not tried again (a request must not wait for
    bookkeeping) and not counted in `db.round_trips` (it is no request's cost)."""
    with translated_errors(db.settings):
        async with db.driver.session(
            database=db.settings.neo4j_database, default_access_mode=neo4j.READ_ACCESS,
            # before the first large load, the planner warns of the properties it reads
            notifications_min_severity="OFF",
        ) as session:
            result = await session.run(neo4j.Query(
                cypher("load/pending"), timeout=db.settings.neo4j_timeout_s,
                metadata={"app": "articula", "statement": "load/pending"}))
            return LoadState.of([record.data() async for record in result])


async def _read(db: Database, watch: _Watch) -> LoadState | None:
    started = time.monotonic()
    state: LoadState | None
    try:
        state = await read_load_state(db)
    except (ArticulaError, Neo4jError, DriverError) as error:
        log.debug("reading the load state failed: %s", error)
        state = None
    watch.state, watch.read_at = state, started
    return state
