"""A large load's lease: an expiry time on its (:Load) record that the process writing it
(or rolling it back) renews from a thread of its own. An unfinished load whose lease has
lapsed lost its process or its Neo4j; the running service, or the next `articula load`,
`db init` or `serve`, rolls it back (loaders/writer.py, service/lease_watch.py).

All the times are Neo4j's clock, so processes on other machines agree on them.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from types import TracebackType

import neo4j

from service.cypher_catalog import cypher
from service.errors import ArticulaError, DatabaseUnavailable
from service.messages import msg
from service.settings import get_settings

log = logging.getLogger(__name__)

RENEWALS_PER_LEASE = 3  # a lease is renewed every third of its length


class LeaseLost(ArticulaError):
    """The process writing a load can no longer hold its lease: Neo4j went away, or another
    process found the lease lapsed and claimed the load to roll it back."""

    code = "LOAD_INTERRUPTED"


def new_holder() -> str:
    """Who holds a lease: host, process and a random part (two holders in one process)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def lease_length(lease_s: float | None) -> float:
    return get_settings().load_lease_s if lease_s is None else lease_s


class Lease:
    """Renews `holder`'s lease on load `load_id` every third of `length_s` until the block
    ends. When a renewal finds the load claimed by another process, or cannot reach Neo4j,
    the lease is lost: `check()` then raises, so that no further batch is written."""

    def __init__(self, driver: neo4j.Driver, database: str, load_id: str, holder: str,
                 length_s: float) -> None:
        self.driver, self.database, self.load_id = driver, database, load_id
        self.holder, self.length_s = holder, length_s
        self.lost: ArticulaError | None = None  # why, once lost
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._renew_until_stopped, daemon=True,
                                        name=f"lease-{load_id}")

    @property
    def milliseconds(self) -> int:
        return max(1, round(self.length_s * 1000))

    def __enter__(self) -> Lease:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stopped.set()
        self._thread.join()

    def check(self) -> None:
        """Raise why the lease was lost, if it was."""
        if self.lost is not None:
            raise self.lost

    def renew(self) -> bool:
        """One renewal in a transaction of its own, not tried again: False when another
        process holds the load now."""
        with self.driver.session(database=self.database) as session:
            tx = session.begin_transaction(timeout=self.length_s / 2)
            try:
                held = tx.run(cypher("load/renew"), loadId=self.load_id, holder=self.holder,
                              leaseMs=self.milliseconds).single(strict=True)["held"]
                tx.commit()
            finally:
                tx.close()
        return bool(held)

    def _renew_until_stopped(self) -> None:
        while not self._stopped.wait(self.length_s / RENEWALS_PER_LEASE):
            try:
                held = self.renew()
            except neo4j.exceptions.Neo4jError as error:
                # the server answered but could not renew now (a lock wait, a deadlock):
                # the lease has two more renewals before it lapses
                log.warning("Load %s: renewing its lease failed (%s); trying again.",
                            self.load_id, error.code)
                continue
            except (neo4j.exceptions.DriverError, OSError) as error:
                self.lost = DatabaseUnavailable(msg("error.load.lease_neo4j", id=self.load_id,
                                                    reason=str(error)))
                return
            if not held:
                self.lost = LeaseLost(msg("error.load.lease_rollback", id=self.load_id))
                return
