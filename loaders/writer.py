"""Writing a validated dataset: batched `UNWIND … MERGE` statements, all in one transaction.

One transaction makes a load all-or-nothing: if Neo4j goes away or the process is killed
mid-way, the server discards the whole transaction and the database stays as it was.
"""

import sys
import uuid
from collections.abc import Callable
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

BATCH = 5_000

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
          before_commit: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    """Write `dataset` in one transaction; return what was created and updated.

    `before_commit` runs after the last statement, inside the open transaction.
    """
    steps = plan(dataset)
    load_id = str(uuid.uuid4())
    stamp = {"loadId": load_id, "loadSource": source, "loadedAt": datetime.now(UTC)}
    summary = LoadSummary(source=source, load_id=load_id, rows=dataset.count())

    def work(tx: neo4j.ManagedTransaction) -> None:
        summary.counts = {}
        total = sum(len(step.rows) for step in steps)
        with tqdm(total=total, unit="rows", desc="writing", file=sys.stderr,
                  disable=not progress, leave=False) as bar:
            for step in steps:
                counts = summary.counts.setdefault(step.label, Counts())
                for batch in batches(step.rows, batch_size):
                    result = run(tx, step.statement, rows=list(batch), stamp=stamp)[0]
                    counts.created += result["created"]
                    counts.updated += result["updated"]
                    bar.update(len(batch))
        if summary.created or summary.updated:
            table = {label: [c.created, c.updated] for label, c in summary.counts.items()}
            summary.graph_version = run(
                tx, "load/record", stamp=stamp, created=summary.created,
                updated=summary.updated, summary=str(table),
            )[0]["version"]
        if before_commit is not None:
            before_commit(summary)

    with driver.session(database=database) as session:
        session.execute_write(work)
    if summary.created or summary.updated:
        _check_committed(driver, database, load_id)
    return summary


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
