"""Writing a validated dataset, all or nothing, in batched `UNWIND` statements.

Rows the database does not hold yet are CREATEd, the rest MERGEd (writing only what
differs). Up to SINGLE_TRANSACTION_ROWS rows go in one transaction, which the server
discards whole if Neo4j goes away or the process is killed. Larger loads go in one
transaction per batch with a journal (before-images of what they change, ids of the
relationships they MERGE into being) and a lease on their (:Load) record that the loader
renews (loaders/lease.py); a failure rolls them back, and once a lease has lapsed (the
loader or Neo4j died), `recover` or the running service rolls the load back.
"""

from __future__ import annotations

import functools
import itertools
import logging
import queue
import random
import secrets
import time
from collections import deque
from collections.abc import Callable, Container, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

import neo4j
import numpy as np

from loaders.cypher_run import batches, in_transactions, run
from loaders.lease import Lease, LeaseLost, lease_length, new_holder
from loaders.problems import SHOWN, Problem
from loaders.tables import RELATIONSHIP_TABLES
from loaders.validation import Cells, Columns, Dataset, Rows, TypedTable
from service.cypher_catalog import cypher
from service.database import memory_refusals
from service.errors import ArticulaError, DatabaseUnavailable
from service.messages import msg, say
from service.progress import Progress

log = logging.getLogger(__name__)

BATCH = 10_000
SINGLE_TRANSACTION_ROWS = 100_000
WRITERS = 2  # concurrent batch transactions of a large load
NODES_AT_ONCE = 1_000  # created nodes whose relationships a rollback deletes in one round
JOURNAL_AT_ONCE = 10  # journal entries deleted per transaction (each lists a batch's ids)

# Columns that become relationships rather than properties.
LINK_COLUMNS = {"id", "code", "parent_code", "territory_code", "territory_codes",
                "sector_codes", "institution_id"}


def new_load_id() -> str:
    """64 random bits in 13 base-36 digits. Every node and relationship a load writes keeps
    its load's id; with a UUID's 36 characters, creating a relationship took about 16 %
    longer (BENCHMARKS.md, "Where the write time goes")."""
    number, digits = secrets.randbits(64), []
    for _ in range(13):
        number, digit = divmod(number, 36)
        digits.append("0123456789abcdefghijklmnopqrstuvwxyz"[digit])
    return "".join(reversed(digits))


@functools.cache
def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@dataclass(frozen=True)
class Step:
    statement: str  # catalogue name
    label: str  # what the progress bar and the summary call it
    rows: Rows

    @property
    def relationships(self) -> bool:
        return self.label not in NODE_STEPS

    @property
    def creates(self) -> bool:
        return self.statement.startswith("load/create_")


NODE_STEPS = {"territories", "sectors", "initiatives", "firms", "institutions", "programs"}


# Link statements: (statement, label, table, source column, target column, end kinds).
LINKS: tuple[tuple[str, str, str, str, str, tuple[str, str]], ...] = (
    ("territory_parents", "territory hierarchy", "territories", "code", "parent_code",
     ("territories", "territories")),
    ("sector_parents", "sector hierarchy", "sectors", "code", "parent_code",
     ("sectors", "sectors")),
    ("initiative_territories", "initiative territories", "initiatives", "id",
     "territory_codes", ("id", "territories")),
    ("initiative_sectors", "initiative sectors", "initiatives", "id", "sector_codes",
     ("id", "sectors")),
    ("actor_territories", "firm territories", "firms", "id", "territory_code",
     ("id", "territories")),
    ("firm_sectors", "firm sectors", "firms", "id", "sector_codes", ("id", "sectors")),
    ("actor_territories", "institution territories", "institutions", "id", "territory_code",
     ("id", "territories")),
    ("runs", "programme runners", "programs", "institution_id", "id", ("id", "id")),
)


def plan(dataset: Dataset) -> list[Step]:
    """Every write, in an order where whatever a step matches was written before it.

    Rows the database does not hold yet (as validation found) are CREATEd; the rest are
    MERGEd, which writes only what differs. A step's rows are made as they are written.
    """
    new: dict[str, Container[str]] = {
        "id": dataset.new_ids(),
        "territories": _new_codes(dataset, "territories"),
        "sectors": _new_codes(dataset, "sectors"),
    }
    steps: list[Step] = []

    def add(statement: str, label: str, rows: Rows, is_new: np.ndarray) -> None:
        steps.append(Step(f"load/create_{statement}", label, rows.select(is_new)))
        steps.append(Step(f"load/{statement}", label, rows.select(~is_new)))

    for table, key in (("territories", "code"), ("sectors", "code"), ("initiatives", "id"),
                       ("firms", "id"), ("institutions", "id"), ("programs", "id")):
        if table == "initiatives":
            for link in LINKS[:2]:
                add(link[0], link[1], *_links(dataset, new, *link[2:]))
        cells = dataset.cells(table, key)
        if cells is not None:
            typed = dataset.tables[table]
            add(table, table, _nodes(typed, key),
                cells.each(new["id" if key == "id" else table].__contains__))
    for link in LINKS[2:]:
        add(link[0], link[1], *_links(dataset, new, *link[2:]))
    for ties in RELATIONSHIP_TABLES:
        ends = ties.ends
        assert ends is not None
        tied = dataset.tables.get(ties.name)
        if tied is not None:
            sources, targets = (tied.cells[end] for end in ends)
            add(ties.name, ties.name, _ties(tied, ends),
                sources.each(new["id"].__contains__) | targets.each(new["id"].__contains__))
    return [step for step in steps if len(step.rows)]


def _new_codes(dataset: Dataset, table: str) -> set[str]:
    cells = dataset.cells(table, "code")
    return {code for code in (cells.values if cells else [])
            if code is not None and f"{table}:{code}" not in dataset.existing_codes}


def _nodes(typed: TypedTable, key: str) -> Rows:
    keys, values = typed.cells[key], _props(typed, LINK_COLUMNS)
    return Rows(typed.length,
                lambda positions: [{key: k, "props": p} for k, p in zip(
                    keys.at(positions), values(positions), strict=True)],
                columns=_columns(typed, [key], LINK_COLUMNS))


def _ties(typed: TypedTable, ends: tuple[str, str]) -> Rows:
    sources, targets, values = typed.cells[ends[0]], typed.cells[ends[1]], _props(typed,
                                                                                   set(ends))
    return Rows(typed.length,
                lambda positions: [{"from": s, "to": t, "props": p} for s, t, p in zip(
                    sources.at(positions), targets.at(positions), values(positions),
                    strict=True)],
                columns=_columns(typed, list(ends), set(ends)))


def _columns(typed: TypedTable, ends: list[str],
             skip: set[str]) -> Callable[[np.ndarray], Columns]:
    """Some rows of `typed` as columns: `ends`, and the properties `_props` makes."""
    names = [name for name in typed.cells if name not in skip]
    return lambda positions: Columns(
        [typed.cells[end].take(positions) for end in ends],
        {camel(name): typed.cells[name].take(positions) for name in names})


def _props(typed: TypedTable, skip: set[str]) -> Callable[[np.ndarray], list[dict[str, Any]]]:
    """Some rows of `typed` as node or relationship properties (camelCase names, columns in
    `skip` and empty cells left out), made from its columns."""
    names = [name for name in typed.cells if name not in skip]
    keys = [camel(name) for name in names]

    def make(positions: np.ndarray) -> list[dict[str, Any]]:
        columns = [typed.cells[name].at(positions) for name in names]
        if not columns:
            return [{} for _ in range(len(positions))]
        return [{k: v for k, v in zip(keys, values, strict=True) if v is not None}
                for values in zip(*columns, strict=True)]
    return make


@dataclass(frozen=True)
class _Links:
    """The links a table's rows give, one per (row, target) pair: a source column naming one
    node and a target column naming one or several (a list)."""

    source: Cells
    target: Cells
    rows: np.ndarray  # each link's row
    nth: np.ndarray  # each link's place in its row's target list

    @classmethod
    def of(cls, source: Cells, target: Cells) -> _Links:
        counts = _lengths(target)[target.codes]
        counts[~source.each(lambda value: value is not None)] = 0
        rows = np.repeat(np.arange(len(counts), dtype=np.int32), counts)  # 4 bytes a link
        nth = (np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)).astype(
            np.int32)
        return cls(source, target, rows, nth)

    def make(self, positions: np.ndarray) -> list[dict[str, Any]]:
        sources = self.source.at(self.rows[positions])
        targets = self.target.at(self.rows[positions])
        return [{"from": s, "to": t[n] if isinstance(t, list) else t, "props": {}}
                for s, t, n in zip(sources, targets, self.nth[positions].tolist(), strict=True)]

    def columns(self, positions: np.ndarray) -> Columns:
        """Some links as columns: the source, and the one target each link names."""
        flat, starts = self.flat
        rows = self.rows[positions]
        return Columns([self.source.take(rows),
                        Cells(starts[self.target.codes[rows]] + self.nth[positions], flat)], {})

    @functools.cached_property
    def flat(self) -> tuple[list[Any], np.ndarray]:
        """Every target each distinct value of the target column names, one after another,
        and where each distinct value's targets begin."""
        flat = [t for v in self.target.values
                for t in (v if isinstance(v, list) else [v] if v is not None else [])]
        counts = _lengths(self.target)
        return flat, np.cumsum(counts) - counts

    def touching(self, sources: Container[str], targets: Container[str]) -> np.ndarray:
        """Whether each link has a source in `sources` or a target in `targets`."""
        flat, starts = self.flat
        to_new = np.array([t in targets for t in flat], dtype=bool)[
            starts[self.target.codes[self.rows]] + self.nth] \
            if flat else np.zeros(len(self.rows), dtype=bool)
        touching: np.ndarray = self.source.each(sources.__contains__)[self.rows] | to_new
        return touching

    def targets(self) -> set[str]:
        found: set[str] = set()
        for code in np.unique(self.target.codes[self.rows]).tolist():
            value = self.target.values[code]
            found.update(value if isinstance(value, list) else [value])
        return found


def _lengths(cells: Cells) -> np.ndarray:
    """How many targets each distinct value of `cells` names (a list's length, 1, or 0)."""
    return np.array([len(v) if isinstance(v, list) else int(v is not None)
                     for v in cells.values], dtype=np.int64)


def _link_cells(dataset: Dataset, table: str, source: str, target: str) -> _Links | None:
    cells = dataset.cells(table, source), dataset.cells(table, target)
    return None if cells[0] is None or cells[1] is None else _Links.of(cells[0], cells[1])


def _links(dataset: Dataset, new: dict[str, Container[str]], table: str, source: str, target: str,
           kinds: tuple[str, str]) -> tuple[Rows, np.ndarray]:
    links = _link_cells(dataset, table, source, target)
    if links is None:
        return Rows(0, lambda positions: []), np.zeros(0, dtype=bool)
    return (Rows(len(links.rows), links.make, columns=links.columns),
            links.touching(new[kinds[0]], new[kinds[1]]))


def territory_codes(dataset: Dataset) -> set[str]:
    """Every territory code the dataset names: its territories, their parents, locations."""
    codes = dataset.cells("territories", "code")
    found = {c for c in (codes.values if codes else []) if c is not None}
    for link in LINKS:
        links = _link_cells(dataset, *link[2:5]) if link[5][1] == "territories" else None
        if links is not None:
            found |= links.targets()
    return found


@dataclass
class Counts:
    created: int = 0
    updated: int = 0


@dataclass
class LoadSummary:
    source: str
    load_id: str | None = None
    counts: dict[str, Counts] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # likely duplicates, loaded anyway
    graph_version: int | None = None
    dry_run: bool = False
    rows: int = 0

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    def describe(self) -> str:
        if self.dry_run:
            return "\n".join([say("cli.load.dry_run", source=self.source, count=self.rows),
                              *self.warning_lines()])
        what, created, updated, total = (say(key) for key in (
            "cli.load.what", "cli.load.created", "cli.load.updated", "cli.load.total"))
        width = max([len(label) for label in self.counts] + [len(what), len(total)])
        cells = max(len(created), len(updated), 7)
        lines = [f"{what:<{width}}  {created:>{cells}}  {updated:>{cells}}"]
        lines += [f"{label:<{width}}  {c.created:>{cells}}  {c.updated:>{cells}}"
                  for label, c in self.counts.items()]
        lines.append(f"{total:<{width}}  {self.created:>{cells}}  {self.updated:>{cells}}")
        if self.created or self.updated:
            lines.append(say("cli.load.done", id=self.load_id, source=self.source,
                             version=self.graph_version))
        else:
            lines.append(say("cli.load.nothing", source=self.source))
        return "\n".join(lines + self.warning_lines())

    def warning_lines(self) -> list[str]:
        if not self.warnings:
            return []
        lines = [say("problem.warnings", count=len(self.warnings))]
        lines += [f"  {warning}" for warning in self.warnings[:SHOWN]]
        if len(self.warnings) > SHOWN:
            lines.append("  " + say("problem.more", count=len(self.warnings) - SHOWN))
        return lines


def write(driver: neo4j.Driver, database: str, dataset: Dataset, source: str,
          progress: bool = True, batch_size: int = BATCH,
          single_transaction_rows: int = SINGLE_TRANSACTION_ROWS,
          before_commit: Callable[[LoadSummary], None] | None = None,
          lease_s: float | None = None) -> LoadSummary:
    """Write `dataset` all or nothing; return what was created and updated.

    Up to `single_transaction_rows` rows go in one transaction. Larger datasets, which
    would not fit in the server's transaction memory, go in one transaction per batch
    with a journal and a lease of `lease_s` seconds (ARTICULA_LOAD_LEASE by default),
    and are rolled back on failure (or, once the lease has lapsed, after a crash).
    `before_commit` runs once everything is written, before the load commits.
    """
    steps = plan(dataset)
    load_id = new_load_id()
    total = sum(len(step.rows) for step in steps)
    with Progress(say("cli.load.writing"), total, say("cli.unit.rows"),
                  enabled=progress) as bar:
        job = _Job(
            driver=driver, database=database, steps=steps, batch_size=batch_size, bar=bar,
            before_commit=before_commit, stamp={"loadId": load_id},
            record={"id": load_id, "source": source, "loadedAt": datetime.now(UTC)},
            summary=LoadSummary(source=source, load_id=load_id, rows=dataset.count()),
            lease_s=lease_length(lease_s),
        )
        if total <= single_transaction_rows:
            _write_at_once(job)
        else:
            _write_journaled(job)
    if job.summary.created or job.summary.updated:
        _check_committed(driver, database, load_id)
    return job.summary


@dataclass
class _Job:
    """One load under way."""

    driver: neo4j.Driver
    database: str
    steps: list[Step]
    batch_size: int
    bar: Progress
    before_commit: Callable[[LoadSummary], None] | None
    stamp: dict[str, Any]  # set on every node and relationship the load writes
    record: dict[str, Any]  # the (:Load) record: id, source, time
    summary: LoadSummary
    lease_s: float  # how long the load's lease lasts unless renewed


@dataclass(frozen=True)
class Applied:
    created: int
    created_relationships: list[str]  # element ids a MERGE created, for the journal
    updated: list[dict[str, Any]]  # {target, before} for what it changed


def _apply(tx: neo4j.ManagedTransaction, step: Step, batch: Sequence[dict[str, Any]],
           stamp: dict[str, Any]) -> Applied:
    result = run(tx, step.statement, rows=list(batch), stamp=stamp)[0]
    if step.creates:
        if result["created"] != len(batch):
            raise ArticulaError(msg("error.load.changed", label=step.label,
                                    created=result["created"], rows=len(batch)))
        return Applied(result["created"], [], [])
    created = result["created"]
    return Applied(len(created), created if step.relationships else [], result["updated"])


def _record(tx: neo4j.ManagedTransaction, record: dict[str, Any],
            summary: LoadSummary, holder: str | None = None) -> int | None:
    """The load's record and a new graph version; for a large load (`holder` given), only if
    that holder still holds it."""
    table = {label: [c.created, c.updated] for label, c in summary.counts.items()}
    rows = run(tx, "load/record" if holder is None else "load/commit", load=record,
               created=summary.created, updated=summary.updated, summary=str(table),
               holder=holder)
    return rows[0]["version"] if rows else None


def _write_steps(tx: neo4j.ManagedTransaction, steps: list[Step], summary: LoadSummary,
                 stamp: dict[str, Any], record: dict[str, Any], batch_size: int = BATCH,
                 bar: Progress | None = None) -> None:
    """Every step in transaction `tx`, then the (:Load) record if something changed."""
    summary.counts = {}
    if bar is not None:
        bar.reset()
    for step in steps:
        counts = summary.counts.setdefault(step.label, Counts())
        for batch in batches(step.rows, batch_size):
            applied = _apply(tx, step, batch, stamp)
            counts.created += applied.created
            counts.updated += len(applied.updated)
            if bar is not None:
                bar.update(len(batch))
    if summary.created or summary.updated:
        summary.graph_version = _record(tx, record, summary)


def _write_at_once(job: _Job) -> None:
    def work(tx: neo4j.ManagedTransaction) -> None:
        _write_steps(tx, job.steps, job.summary, job.stamp, job.record, job.batch_size, job.bar)
        if job.before_commit is not None:
            job.before_commit(job.summary)

    with job.driver.session(database=job.database) as session:
        session.execute_write(work)


def write_in(tx: neo4j.ManagedTransaction, dataset: Dataset, source: str) -> LoadSummary:
    """Write a small `dataset` inside the caller's transaction, as a load of its own.

    The API's mutations use it so that a change, its audit entry and the graph version
    commit together; they stay small (one transaction, never journaled).
    """
    load_id = new_load_id()
    summary = LoadSummary(source=source, load_id=load_id, rows=dataset.count())
    _write_steps(tx, plan(dataset), summary, {"loadId": load_id},
                 {"id": load_id, "source": source, "loadedAt": datetime.now(UTC)})
    return summary


def _write_journaled(job: _Job) -> None:
    driver, database, stamp, summary, bar = (
        job.driver, job.database, job.stamp, job.summary, job.bar)
    load_id, holder = stamp["loadId"], new_holder()
    total = sum(len(step.rows) for step in job.steps)
    lease = Lease(driver, database, load_id, holder, job.lease_s)
    with driver.session(database=database) as session:
        session.execute_write(lambda tx: run(tx, "load/start", load=job.record,
                                             rowsTotal=total, holder=holder,
                                             leaseMs=lease.milliseconds, writers=WRITERS))
    slots: queue.SimpleQueue[int] = queue.SimpleQueue()  # a fence per batch being written
    for slot in range(WRITERS):
        slots.put(slot)
    try:
        with lease:
            seq = itertools.count()

            def write_batch(step: Step, batch: Sequence[dict[str, Any]]) -> Applied:
                number, slot = next(seq), slots.get()

                def work(tx: neo4j.ManagedTransaction) -> Applied:
                    applied = _apply(tx, step, batch, stamp)
                    if applied.created_relationships or applied.updated:
                        run(tx, "load/journal", loadId=load_id, seq=number,
                            created=applied.created_relationships,
                            updated=applied.updated, relationships=step.relationships)
                    if not run(tx, "load/fence", loadId=load_id, slot=slot, holder=holder,
                               rows=len(batch))[0]["held"]:
                        raise LeaseLost(msg("error.load.lease_claimed", id=load_id))
                    return applied

                try:
                    return _batch_transaction(driver, database, work, lease)
                finally:
                    slots.put(slot)

            # Batches of one step are independent; steps run in order (later ones match
            # what earlier ones wrote). Two writers keep both cores busy.
            pool = ThreadPoolExecutor(max_workers=WRITERS)
            try:
                for step in job.steps:
                    counts = summary.counts.setdefault(step.label, Counts())
                    # At most two batches per writer are made ahead of being written.
                    running: deque[tuple[int, Future[Applied]]] = deque()
                    for chunk in batches(step.rows, job.batch_size):
                        running.append((len(chunk), pool.submit(write_batch, step, chunk)))
                        if len(running) > 2 * WRITERS:
                            _count(running.popleft(), counts, bar)
                    while running:
                        _count(running.popleft(), counts, bar)
            finally:
                pool.shutdown(cancel_futures=True)  # after a failure, write no further batch
            with driver.session(database=database) as session:
                if job.before_commit is not None:
                    job.before_commit(summary)
                lease.check()
                if summary.created or summary.updated:
                    summary.graph_version = session.execute_write(_record, job.record, summary,
                                                                  holder)
                    if summary.graph_version is None:
                        raise LeaseLost(msg("error.load.rolled_back_committing", id=load_id))
                else:
                    session.execute_write(lambda tx: run(
                        tx, "load/release", loadId=load_id, holder=holder, bump=False))
    except BaseException as error:
        if isinstance(error, LeaseLost):
            raise  # another process claimed the load and rolls it back
        try:
            rolled_back = roll_back(driver, database, load_id, holder=holder,
                                    lease_s=job.lease_s)
        except Exception:
            rolled_back = False
        if not rolled_back:
            log.warning(
                "Load %s failed and could not be rolled back now; its lease lapses within "
                "%g s, then the running service (or the next `articula load`, `db init` or "
                "`serve`) rolls it back.", load_id, job.lease_s)
        if isinstance(error, neo4j.exceptions.DriverError | DatabaseUnavailable):
            raise DatabaseUnavailable(msg(
                "error.load.went_away_rolled_back" if rolled_back
                else "error.load.went_away_pending",
                id=load_id, source=summary.source, reason=str(error))) from error
        raise
    _forget(driver, database, load_id)


def _count(written: tuple[int, Future[Applied]], counts: Counts, bar: Progress) -> None:
    rows, applied = written[0], written[1].result()
    counts.created += applied.created
    counts.updated += len(applied.updated)
    bar.update(rows)


BATCH_RETRY_S = 30.0  # how long a batch the server refused for now (a deadlock) is retried


def _batch_transaction(driver: neo4j.Driver, database: str,
                       work: Callable[[neo4j.ManagedTransaction], Applied],
                       lease: Lease) -> Applied:
    """`work` in a transaction of its own, tried again while the server answers that it
    could not run it now (a deadlock between the two writers), but not when Neo4j went
    away: the driver's managed transactions would wait for it to come back and carry on
    with a load whose lease may have lapsed meanwhile; this one fails instead."""
    deadline, delay = time.monotonic() + BATCH_RETRY_S, 0.1
    while True:
        lease.check()
        with driver.session(database=database) as session:
            tx = session.begin_transaction()
            try:
                applied = work(cast(neo4j.ManagedTransaction, tx))  # same `run`, no commit
                tx.commit()
                return applied
            except neo4j.exceptions.TransientError:
                if time.monotonic() + delay > deadline:
                    raise
            finally:
                tx.close()
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 5.0)


def pending_loads(driver: neo4j.Driver, database: str) -> list[dict[str, Any]]:
    """Unfinished loads: id, source, status, rows written and in all, whether their lease
    has lapsed."""
    records, _, _ = driver.execute_query(cypher("load/pending"), database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    return [dict(r) for r in records]


CLAIM_TIMEOUT_S = 10.0


def roll_back(driver: neo4j.Driver, database: str, load_id: str, *,
              holder: str | None = None, lease_s: float | None = None) -> bool:
    """Undo what an unfinished large load wrote, from its journal, holding a lease of its
    own meanwhile. False when the load is not this holder's and its lease has not lapsed
    (its loader still runs, or another process rolls it back), or it is not unfinished."""
    holder = holder or new_holder()
    lease = Lease(driver, database, load_id, holder, lease_length(lease_s))
    with driver.session(database=database) as session:
        claim = session.begin_transaction(timeout=CLAIM_TIMEOUT_S)
        try:
            claimed = claim.run(cypher("load/claim"), loadId=load_id, holder=holder,
                                leaseMs=lease.milliseconds).single(strict=True)["claimed"]
            claim.commit()  # ROLLING_BACK is durable: whoever claims it next resumes
        except neo4j.exceptions.Neo4jError:
            return False  # the record stayed locked past the timeout: someone is busy with it
        finally:
            claim.close()
    if not claimed:
        return False
    with lease:
        with memory_refusals(f"Rolling back load {load_id}"):
            _undo(driver, database, load_id)
        lease.check()
        driver.execute_query(cypher("load/release"), loadId=load_id, holder=holder, bump=True,
                             database_=database)
    _forget(driver, database, load_id)
    return True


def recover(driver: neo4j.Driver, database: str, lease_s: float | None = None) -> list[str]:
    """Roll back every unfinished load whose lease has lapsed; return their ids."""
    return [load["loadId"] for load in pending_loads(driver, database)
            if load["lapsed"] and roll_back(driver, database, load["loadId"], lease_s=lease_s)]


def _undo(driver: neo4j.Driver, database: str, load_id: str) -> None:
    """Restore what the load changed, delete the relationships it MERGEd into being and those
    of the nodes it created, then those nodes. No transaction holds more than BATCH
    records, whatever the load's size: deleting nodes with their relationships would take
    thousands of relationships along with each initiative or territory."""
    def repeat(statement: str, column: str) -> None:
        while driver.execute_query(cypher(statement), loadId=load_id, limit=BATCH,
                                   database_=database)[0][0][column]:
            pass

    repeat("load/undo_changed_relationships", "restored")
    repeat("load/undo_changed_nodes", "restored")
    in_transactions(driver, database, "load/undo_created_relationships", loadId=load_id)
    _delete_created_links(driver, database, load_id)
    repeat("load/undo_created_nodes", "deleted")


def _delete_created_links(driver: neo4j.Driver, database: str, load_id: str) -> None:
    """Delete the relationships of the nodes the load created, BATCH per transaction, for
    NODES_AT_ONCE nodes at a time from a stream of their ids."""
    query = cypher("load/undo_created_links")
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as reader:
        ids = (record["id"] for record in reader.run(cypher("load/created_nodes"),
                                                      loadId=load_id))
        for chunk in iter(lambda: list(itertools.islice(ids, NODES_AT_ONCE)), []):
            while driver.execute_query(query, ids=chunk, limit=BATCH,
                                       database_=database)[0][0]["deleted"]:
                pass


def _forget(driver: neo4j.Driver, database: str, load_id: str) -> None:
    for statement, limit in (("load/forget_journal", JOURNAL_AT_ONCE), ("load/forget", BATCH)):
        while driver.execute_query(cypher(statement), loadId=load_id, limit=limit,
                                   database_=database)[0][0]["deleted"]:
            pass


def _check_committed(driver: neo4j.Driver, database: str, load_id: str) -> None:
    """Read the load's record back: a commit cut off by a server shutdown can end
    without an error on the client (seen with driver 6.4 and Neo4j 5.26)."""
    records, _, _ = driver.execute_query(
        cypher("load/committed"), loadId=load_id, database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    if records[0]["found"] != 1:
        raise DatabaseUnavailable(msg("error.load.went_away_committing"))
