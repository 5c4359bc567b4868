"""Writing a validated dataset, all or nothing, in batched `UNWIND` statements.

Rows the database does not hold yet are CREATEd, the rest MERGEd (writing only what
differs). Up to SINGLE_TRANSACTION_ROWS rows go in one transaction, which the server
discards whole if Neo4j goes away or the process is killed. Larger loads go in one
transaction per batch with a journal (before-images of what they change, ids of the
relationships they MERGE into being) and a lock on their (:Load) record; a failure rolls
them back, and `recover` rolls back the loads a crash left unfinished.
"""

from __future__ import annotations

import itertools
import logging
import secrets
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import neo4j
from tqdm import tqdm

from loaders.cypher_run import batches, run
from loaders.tables import RELATIONSHIP_TABLES
from loaders.validation import Dataset, Row
from service.cypher_catalog import cypher
from service.errors import ArticulaError, DatabaseUnavailable

log = logging.getLogger(__name__)

BATCH = 10_000
SINGLE_TRANSACTION_ROWS = 100_000
WRITERS = 2  # concurrent batch transactions of a large load

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


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def props(row: Row, skip: set[str]) -> dict[str, Any]:
    """The row's values as node or relationship properties; empty cells are left out."""
    return {camel(k): v for k, v in row.items() if k not in skip and v is not None}


@dataclass(frozen=True)
class Step:
    statement: str  # catalogue name
    label: str  # what the progress bar and the summary call it
    rows: list[dict[str, Any]]

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
    MERGEd, which writes only what differs.
    """
    new: dict[str, set[str]] = {
        "id": {r["id"] for t in ("initiatives", "firms", "institutions", "programs")
               for r in dataset.rows(t)} - dataset.existing_ids,
        "territories": {r["code"] for r in dataset.rows("territories")
                        if f"territories:{r['code']}" not in dataset.existing_codes},
        "sectors": {r["code"] for r in dataset.rows("sectors")
                    if f"sectors:{r['code']}" not in dataset.existing_codes},
    }
    steps: list[Step] = []

    def add(statement: str, label: str, rows: list[dict[str, Any]],
            is_new: Callable[[dict[str, Any]], bool]) -> None:
        steps.append(Step(f"load/create_{statement}", label, [r for r in rows if is_new(r)]))
        steps.append(Step(f"load/{statement}", label, [r for r in rows if not is_new(r)]))

    for table in ("territories", "sectors"):
        rows = [{"code": r["code"], "props": props(r, LINK_COLUMNS)} for r in dataset.rows(table)]
        add(table, table, rows, _keyed(new[table], "code"))
    for link in LINKS[:2]:
        add(link[0], link[1], _link_rows(dataset, *link[2:5]), _fresh(new, link[5]))
    for table in ("initiatives", "firms", "institutions", "programs"):
        rows = [{"id": r["id"], "props": props(r, LINK_COLUMNS)} for r in dataset.rows(table)]
        add(table, table, rows, _keyed(new["id"], "id"))
    for link in LINKS[2:]:
        add(link[0], link[1], _link_rows(dataset, *link[2:5]), _fresh(new, link[5]))
    for ties in RELATIONSHIP_TABLES:
        ends = ties.ends
        assert ends is not None
        rows = [{"from": r[ends[0]], "to": r[ends[1]], "props": props(r, set(ends))}
                for r in dataset.rows(ties.name)]
        add(ties.name, ties.name, rows, _fresh(new, ("id", "id")))
    return [step for step in steps if step.rows]


def _link_rows(dataset: Dataset, table: str, source: str,
               target: str) -> list[dict[str, Any]]:
    out = []
    for r in dataset.rows(table):
        targets = r.get(target)
        for value in targets if isinstance(targets, list) else [targets]:
            if value is not None and r.get(source) is not None:
                out.append({"from": r[source], "to": value, "props": {}})
    return out


def _keyed(new: set[str], key: str) -> Callable[[dict[str, Any]], bool]:
    return lambda r: r[key] in new


def _fresh(new: dict[str, set[str]],
           kinds: tuple[str, str]) -> Callable[[dict[str, Any]], bool]:
    """Whether a link touches a node this load creates (so the link cannot exist yet)."""
    return lambda r: r["from"] in new[kinds[0]] or r["to"] in new[kinds[1]]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0


@dataclass
class LoadSummary:
    source: str
    load_id: str | None = None
    counts: dict[str, Counts] = field(default_factory=dict)
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
            return f"{self.source}: {self.rows} rows are valid; nothing was written (--dry-run)."
        width = max([len(label) for label in self.counts] + [5])
        lines = [f"{'what':<{width}}  created  updated"]
        lines += [f"{label:<{width}}  {c.created:>7}  {c.updated:>7}"
                  for label, c in self.counts.items()]
        lines.append(f"{'total':<{width}}  {self.created:>7}  {self.updated:>7}")
        if self.created or self.updated:
            lines.append(f"Load {self.load_id} of {self.source}; graph version "
                         f"{self.graph_version}.")
        else:
            lines.append(f"{self.source}: the database already held all of it; nothing changed.")
        return "\n".join(lines)


def write(driver: neo4j.Driver, database: str, dataset: Dataset, source: str,
          progress: bool = True, batch_size: int = BATCH,
          single_transaction_rows: int = SINGLE_TRANSACTION_ROWS,
          before_commit: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    """Write `dataset` all or nothing; return what was created and updated.

    Up to `single_transaction_rows` rows go in one transaction. Larger datasets, which
    would not fit in the server's transaction memory, go in one transaction per batch
    with a journal, and are rolled back on failure (or by `recover` after a crash).
    `before_commit` runs once everything is written, before the load commits.
    """
    steps = plan(dataset)
    load_id = new_load_id()
    total = sum(len(step.rows) for step in steps)
    with tqdm(total=total, unit="rows", desc="writing", file=sys.stderr,
              disable=not progress, leave=False) as bar:
        job = _Job(
            driver=driver, database=database, steps=steps, batch_size=batch_size, bar=bar,
            before_commit=before_commit, stamp={"loadId": load_id},
            record={"id": load_id, "source": source, "loadedAt": datetime.now(UTC)},
            summary=LoadSummary(source=source, load_id=load_id, rows=dataset.count()),
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
    bar: tqdm[Any]
    before_commit: Callable[[LoadSummary], None] | None
    stamp: dict[str, Any]  # set on every node and relationship the load writes
    record: dict[str, Any]  # the (:Load) record: id, source, time
    summary: LoadSummary


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
            raise ArticulaError(
                f"Writing {step.label} created {result['created']} of {len(batch)}: the "
                "database changed since validation (a concurrent write?); nothing was kept."
            )
        return Applied(result["created"], [], [])
    created = result["created"]
    return Applied(len(created), created if step.relationships else [], result["updated"])


def _record(tx: neo4j.ManagedTransaction, record: dict[str, Any],
            summary: LoadSummary) -> int | None:
    table = {label: [c.created, c.updated] for label, c in summary.counts.items()}
    rows = run(tx, "load/record", load=record, created=summary.created,
               updated=summary.updated, summary=str(table))
    return rows[0]["version"] if rows else None


def _write_steps(tx: neo4j.ManagedTransaction, steps: list[Step], summary: LoadSummary,
                 stamp: dict[str, Any], record: dict[str, Any], batch_size: int = BATCH,
                 bar: tqdm[Any] | None = None) -> None:
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
    load_id = stamp["loadId"]
    with driver.session(database=database) as session:
        session.execute_write(lambda tx: run(tx, "load/start", load=job.record))
    guard_session = driver.session(database=database)
    guard = guard_session.begin_transaction()
    try:
        guard.run(cypher("load/lock"), loadId=load_id).consume()
        seq = itertools.count()

        def write_batch(step: Step, batch: Sequence[dict[str, Any]]) -> Applied:
            number = next(seq)

            def work(tx: neo4j.ManagedTransaction) -> Applied:
                applied = _apply(tx, step, batch, stamp)
                if applied.created_relationships or applied.updated:
                    run(tx, "load/journal", loadId=load_id, seq=number,
                        created=applied.created_relationships,
                        updated=applied.updated, relationships=step.relationships)
                return applied

            with driver.session(database=database) as batch_session:
                return batch_session.execute_write(work)

        # Batches of one step are independent; steps run in order (later ones match
        # what earlier ones wrote). Two writers keep both cores busy.
        pool = ThreadPoolExecutor(max_workers=WRITERS)
        try:
            for step in job.steps:
                counts = summary.counts.setdefault(step.label, Counts())
                chunks = list(batches(step.rows, job.batch_size))
                for chunk, applied in zip(chunks, pool.map(write_batch, [step] * len(chunks),
                                                            chunks), strict=True):
                    counts.created += applied.created
                    counts.updated += len(applied.updated)
                    bar.update(len(chunk))
        finally:
            pool.shutdown(cancel_futures=True)  # after a failure, write no further batch
        with driver.session(database=database) as session:
            if job.before_commit is not None:
                job.before_commit(summary)
            if summary.created or summary.updated:
                summary.graph_version = session.execute_write(_record, job.record, summary)
                if summary.graph_version is None:
                    raise DatabaseUnavailable(
                        f"Load {load_id} was rolled back by a recovery while it was "
                        "committing; nothing was written. Run it again.")
        guard.run(cypher("load/release"), loadId=load_id, bump=False).consume()
        guard.commit()
    except BaseException:
        guard.close()  # releases the lock, so that the rollback can claim the load
        guard_session.close()
        try:
            roll_back(driver, database, load_id)
        except Exception:
            log.warning("Load %s failed and could not be rolled back now; the next "
                        "`articula load`, `db init` or `serve` rolls it back.", load_id)
        raise
    guard_session.close()
    _forget(driver, database, load_id)


def pending_loads(driver: neo4j.Driver, database: str) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(cypher("load/pending"), database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    return [dict(r) for r in records]


def roll_back(driver: neo4j.Driver, database: str, load_id: str,
              lock_wait_s: float = 5.0) -> bool:
    """Undo what an unfinished large load wrote, from its journal. False when its loader
    still runs (it holds the lock) or the load is not unfinished."""
    with driver.session(database=database) as session:
        guard = session.begin_transaction(timeout=lock_wait_s)
        try:
            claimed = guard.run(cypher("load/claim"), loadId=load_id).single(strict=True)
            guard.commit()  # ROLLING_BACK is durable: a crash below resumes from here
        except neo4j.exceptions.Neo4jError:
            return False  # the lock wait timed out: its loader is still writing
        finally:
            guard.close()
        if not claimed["claimed"]:
            return False
        guard = session.begin_transaction()
        try:
            guard.run(cypher("load/lock"), loadId=load_id).consume()
            _undo(driver, database, load_id)
            guard.run(cypher("load/release"), loadId=load_id, bump=True).consume()
            guard.commit()
        finally:
            guard.close()
    _forget(driver, database, load_id)
    return True


def recover(driver: neo4j.Driver, database: str) -> list[str]:
    """Roll back every load a crash left unfinished; return their ids."""
    return [load["loadId"] for load in pending_loads(driver, database)
            if roll_back(driver, database, load["loadId"])]


def _undo(driver: neo4j.Driver, database: str, load_id: str) -> None:
    """Restore what the load changed, delete the relationships it MERGEd into being, then
    delete every node still stamped with it (what it created, with their relationships)."""
    def repeat(statement: str, column: str) -> None:
        while driver.execute_query(cypher(statement), loadId=load_id, limit=BATCH,
                                   database_=database)[0][0][column]:
            pass

    repeat("load/undo_changed_relationships", "restored")
    repeat("load/undo_changed_nodes", "restored")
    entries, _, _ = driver.execute_query(cypher("load/journal_entries"), loadId=load_id,
                                         database_=database)
    for entry in entries:
        for chunk in batches(entry["created"], BATCH):
            driver.execute_query(cypher("load/undo_created_relationships"), ids=list(chunk),
                                 database_=database)
    repeat("load/undo_created_nodes", "deleted")


def _forget(driver: neo4j.Driver, database: str, load_id: str) -> None:
    while driver.execute_query(cypher("load/forget"), loadId=load_id, limit=BATCH,
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
        raise DatabaseUnavailable(
            "Neo4j went away while the load was committing; nothing was written. "
            "Run the load again once Neo4j is back."
        )
