"""Writing a validated dataset: batched `UNWIND … MERGE` statements, all in one transaction.

One transaction makes a load all-or-nothing: if Neo4j goes away or the process is killed
mid-way, the server discards the whole transaction and the database stays as it was.
"""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import neo4j
from tqdm import tqdm

from loaders.cypher_run import batches, run
from loaders.tables import BY_NAME
from loaders.validation import Dataset, Row
from service.cypher_catalog import cypher
from service.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

BATCH = 5_000
SINGLE_TRANSACTION_ROWS = 100_000

# Columns that become relationships rather than properties.
LINK_COLUMNS = {"id", "code", "parent_code", "territory_code", "territory_codes",
                "sector_codes", "institution_id"}


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


NODE_STEPS = {"territories", "sectors", "initiatives", "firms", "institutions", "programs"}


def plan(dataset: Dataset) -> list[Step]:
    """Every write, in an order where whatever a step matches was written before it."""
    def nodes(table: str, key: str = "id") -> list[dict[str, Any]]:
        return [{key: r[key], "props": props(r, LINK_COLUMNS)} for r in dataset.rows(table)]

    def links(table: str, source: str, target: str) -> list[dict[str, Any]]:
        out = []
        for r in dataset.rows(table):
            targets = r.get(target)
            for value in targets if isinstance(targets, list) else [targets]:
                if value is not None and r.get(source) is not None:
                    out.append({"from": r[source], "to": value, "props": {}})
        return out

    def relationships(table: str) -> list[dict[str, Any]]:
        ends = BY_NAME[table].ends
        assert ends is not None
        return [{"from": r[ends[0]], "to": r[ends[1]], "props": props(r, set(ends))}
                for r in dataset.rows(table)]

    runs = [{"from": r["institution_id"], "to": r["id"], "props": {}}
            for r in dataset.rows("programs") if r.get("institution_id")]
    steps = [
        Step("load/territories", "territories", nodes("territories", "code")),
        Step("load/sectors", "sectors", nodes("sectors", "code")),
        Step("load/territory_parents", "territory hierarchy",
             links("territories", "code", "parent_code")),
        Step("load/sector_parents", "sector hierarchy", links("sectors", "code", "parent_code")),
        Step("load/initiatives", "initiatives", nodes("initiatives")),
        Step("load/firms", "firms", nodes("firms")),
        Step("load/institutions", "institutions", nodes("institutions")),
        Step("load/programs", "programs", nodes("programs")),
        Step("load/initiative_territories", "initiative territories",
             links("initiatives", "id", "territory_codes")),
        Step("load/initiative_sectors", "initiative sectors",
             links("initiatives", "id", "sector_codes")),
        Step("load/actor_territories", "firm territories", links("firms", "id", "territory_code")),
        Step("load/firm_sectors", "firm sectors", links("firms", "id", "sector_codes")),
        Step("load/actor_territories", "institution territories",
             links("institutions", "id", "territory_code")),
        Step("load/runs", "programme runners", runs),
    ]
    for table in ("participations", "governance", "supports", "supplies", "collaborations",
                  "agreements"):
        steps.append(Step(f"load/{table}", table, relationships(table)))
    return [step for step in steps if step.rows]


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
    load_id = str(uuid.uuid4())
    stamp = {"loadId": load_id, "loadSource": source, "loadedAt": datetime.now(UTC)}
    summary = LoadSummary(source=source, load_id=load_id, rows=dataset.count())
    total = sum(len(step.rows) for step in steps)
    bar = tqdm(total=total, unit="rows", desc="writing", file=sys.stderr,
               disable=not progress, leave=False)
    with bar:
        if total <= single_transaction_rows:
            _write_at_once(driver, database, steps, stamp, summary, batch_size, bar,
                           before_commit)
        else:
            _write_journaled(driver, database, steps, stamp, summary, batch_size, bar,
                             before_commit)
    if summary.created or summary.updated:
        _check_committed(driver, database, load_id)
    return summary


def _apply(tx: neo4j.ManagedTransaction, step: Step, batch: Sequence[dict[str, Any]],
           stamp: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    result = run(tx, step.statement, rows=list(batch), stamp=stamp)[0]
    return result["created"], result["updated"]


def _record(tx: neo4j.ManagedTransaction, stamp: dict[str, Any],
            summary: LoadSummary) -> int | None:
    table = {label: [c.created, c.updated] for label, c in summary.counts.items()}
    rows = run(tx, "load/record", stamp=stamp, created=summary.created,
               updated=summary.updated, summary=str(table))
    return rows[0]["version"] if rows else None


def _write_at_once(driver: neo4j.Driver, database: str, steps: list[Step],
                   stamp: dict[str, Any], summary: LoadSummary, batch_size: int,
                   bar: tqdm[Any], before_commit: Callable[[LoadSummary], None] | None) -> None:
    def work(tx: neo4j.ManagedTransaction) -> None:
        summary.counts = {}
        bar.reset()
        for step in steps:
            counts = summary.counts.setdefault(step.label, Counts())
            for batch in batches(step.rows, batch_size):
                created, updated = _apply(tx, step, batch, stamp)
                counts.created += len(created)
                counts.updated += len(updated)
                bar.update(len(batch))
        if summary.created or summary.updated:
            summary.graph_version = _record(tx, stamp, summary)
        if before_commit is not None:
            before_commit(summary)

    with driver.session(database=database) as session:
        session.execute_write(work)


def _write_journaled(driver: neo4j.Driver, database: str, steps: list[Step],
                     stamp: dict[str, Any], summary: LoadSummary, batch_size: int,
                     bar: tqdm[Any], before_commit: Callable[[LoadSummary], None] | None) -> None:
    load_id = stamp["loadId"]
    with driver.session(database=database) as session:
        session.execute_write(lambda tx: run(tx, "load/start", stamp=stamp))
    guard_session = driver.session(database=database)
    guard = guard_session.begin_transaction()
    try:
        guard.run(cypher("load/lock"), loadId=load_id).consume()
        with driver.session(database=database) as session:
            seq = 0
            for step in steps:
                counts = summary.counts.setdefault(step.label, Counts())
                for batch in batches(step.rows, batch_size):
                    def work(tx: neo4j.ManagedTransaction, step: Step = step,
                             batch: Sequence[dict[str, Any]] = batch,
                             seq: int = seq) -> tuple[int, int]:
                        created, updated = _apply(tx, step, batch, stamp)
                        run(tx, "load/journal", loadId=load_id, seq=seq, created=created,
                            updated=updated, relationships=step.relationships)
                        return len(created), len(updated)

                    created, updated = session.execute_write(work)
                    counts.created += created
                    counts.updated += updated
                    seq += 1
                    bar.update(len(batch))
            if before_commit is not None:
                before_commit(summary)
            if summary.created or summary.updated:
                summary.graph_version = session.execute_write(_record, stamp, summary)
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
    entries, _, _ = driver.execute_query(cypher("load/journal_entries"), loadId=load_id,
                                         database_=database)
    for entry in entries:  # newest first: relationships before the nodes they hang on
        statement = ("load/undo_created_relationships" if entry["relationships"]
                     else "load/undo_created_nodes")
        for chunk in batches(entry["created"], BATCH):
            driver.execute_query(cypher(statement), ids=list(chunk), database_=database)
    for statement in ("load/undo_changed_relationships", "load/undo_changed_nodes"):
        while driver.execute_query(cypher(statement), loadId=load_id, limit=BATCH,
                                   database_=database)[0][0]["restored"]:
            pass


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
