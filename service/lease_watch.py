"""The service's watch over large loads: every ARTICULA_LOAD_LEASE_CHECK seconds it looks for
unfinished loads whose lease has lapsed (their loader, or Neo4j, died) and rolls them back,
logging each. It outlives Neo4j going away: it keeps looking until Neo4j answers again.
Several service processes may watch one database: a load is claimed under its record's write
lock, so exactly one of them rolls it back (loaders/writer.py, `roll_back`)."""

from __future__ import annotations

import asyncio
import logging
import time
from functools import partial

import anyio.to_thread
import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from loaders.writer import roll_back
from service.data_state import LoadProgress, read_load_state
from service.database import Database
from service.errors import ArticulaError

log = logging.getLogger(__name__)


async def roll_back_lapsed(db: Database, writer: neo4j.Driver) -> list[LoadProgress]:
    """Roll back every unfinished load whose lease has lapsed that no other process claims
    first; return those this process rolled back."""
    settings = db.settings
    done = []
    for load in (await read_load_state(db)).loads:
        if not load.lease_lapsed:
            continue
        started = time.monotonic()
        rolled_back = await anyio.to_thread.run_sync(
            partial(roll_back, writer, settings.neo4j_database, load.id,
                    lease_s=settings.load_lease_s),
            abandon_on_cancel=True,  # at shutdown: its lease lapses, and another resumes it
        )
        if rolled_back:
            log.warning(
                "Rolled back load %s of %s (%s, %d of %d rows written) in %.1f s: its lease "
                "had lapsed, so its loader or Neo4j had died.", load.id, load.source,
                load.status.value, load.rows_written, load.rows_total,
                time.monotonic() - started)
            done.append(load)
    return done


async def watch_leases(db: Database, writer: neo4j.Driver) -> None:
    """`roll_back_lapsed` now, then every ARTICULA_LOAD_LEASE_CHECK seconds until cancelled."""
    interval = db.settings.load_lease_check_s
    failing = False
    while True:
        try:
            await roll_back_lapsed(db, writer)
        except (ArticulaError, Neo4jError, DriverError) as error:
            if not failing:
                log.warning("Cannot look for lapsed loads now (%s); trying again every %g s.",
                            error, interval)
            failing = True
        except Exception:
            log.exception("Looking for lapsed loads failed; trying again in %g s.", interval)
        else:
            if failing:
                log.warning("Neo4j answers again: looking for lapsed loads every %g s.",
                            interval)
            failing = False
        await asyncio.sleep(interval)
