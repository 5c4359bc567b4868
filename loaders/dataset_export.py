"""`articula db export`: the database's data as a dataset that `articula load` reads back.

Every table of loaders/tables.py, its columns in order: what loads and the API's writes
created, read back from the nodes' properties (a column's property is its camelCase name)
and from the relationships that columns become (territories, sectors, the institution that
runs a programme, a territory's or sector's parent). The reference data of `db init` is left
out (its nodes carry `reference`, as `db reset` tells them apart); territories and sectors a
dataset added are in. Load stamps (`loadId`) and what analyses `persist` are no dataset's
columns. All tables are read in one transaction, a batch at a time, and streamed to the
files a row at a time, so the process holds a batch whatever the database's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j

from loaders.dataset_files import ExportError, cell_text, dataset_files
from loaders.tables import TABLES, Column, Kind, Table
from loaders.writer import camel
from service.cypher_catalog import cypher
from service.messages import Message, msg, say
from service.progress import Progress

MANY = (Kind.TERRITORIES, Kind.SECTORS)  # columns of several codes, `;` between them
EXAMPLES = 3  # rows a note names
BATCH = 5_000  # rows of a node table, or start nodes of a relationship table, read at once


@dataclass
class _Note:
    """Rows of one table whose column does not hold what the database has."""

    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, example: str) -> None:
        self.count += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(example)


@dataclass
class ExportSummary:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows written
    several: dict[tuple[str, str], _Note] = field(default_factory=dict)  # first value kept
    missing: dict[tuple[str, str], _Note] = field(default_factory=dict)  # required, empty

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def notes(self) -> list[Message]:
        """What the tables could not hold as the database holds it, a message per column."""
        return [
            *(msg("cli.export.several", table=table, column=column, count=note.count,
                  examples=note.examples) for (table, column), note in self.several.items()),
            *(msg("cli.export.missing", table=table, column=column, count=note.count,
                  examples=note.examples) for (table, column), note in self.missing.items()),
        ]


def export_dataset(driver: neo4j.Driver, database: str, path: Path, *,
                   show_progress: bool = False,
                   before_check: Callable[[], None] = lambda: None) -> ExportSummary:
    """Write the database's data to `path`: a folder of CSV files, or an .xlsx workbook when
    `path` ends in .xlsx. Refused while a load is under way; should the data change while
    it is read (another write, `before_check` in the tests), nothing is written."""
    files = dataset_files(path)
    summary = ExportSummary()
    try:
        with (
            driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session,
            session.begin_transaction() as tx,
        ):
            before = _state(tx)
            if before["loading"]:
                raise ExportError(msg("error.export.loading", loads=before["loading"]))
            counts = tx.run(cypher("dataset/counts")).single(strict=True).data()
            files.begin(counts)
            with Progress(say("cli.export.writing"), sum(counts.values()), say("cli.unit.rows"),
                          enabled=show_progress) as bar:
                for table in TABLES:
                    files.table(table.name, [column.name for column in table.all_columns])
                    written = 0
                    for key, cells in _rows(tx, table, summary):
                        files.row(key, cells)
                        written += 1
                        bar.update()
                    summary.rows[table.name] = written
            before_check()
            after = _state(tx)
            if after != before:
                raise ExportError(msg("error.export.changed"))
        files.commit()
    except BaseException:
        files.discard()
        raise
    return summary


def _state(tx: neo4j.Transaction) -> dict[str, Any]:
    return tx.run(cypher("dataset/state")).single(strict=True).data()


def _rows(tx: neo4j.Transaction, table: Table,
          summary: ExportSummary) -> Iterator[tuple[str, list[Any]]]:
    """Each row of `table` as (its key, its cells in column order), read BATCH at a time."""
    columns = [(column, camel(column.name)) for column in table.all_columns]
    after = ""
    while True:
        found = tx.run(cypher(f"dataset/{table.name}"), after=after,
                       batch=BATCH).single(strict=True)
        if not found["rows"]:
            return
        for row in found["rows"]:
            yield _cells(table, columns, row, summary)
        after = found["last"]


def _cells(table: Table, columns: list[tuple[Column, str]], row: dict[str, Any],
           summary: ExportSummary) -> tuple[str, list[Any]]:
    """A row's key and cells: a column the statement names is a relationship's end or the
    codes or ids it links to; any other is the property of its camelCase name."""
    props = row["props"]
    key = (f"{row[table.ends[0]]} → {row[table.ends[1]]}" if table.ends
           else str(props.get("id") or props.get("code")))
    cells: list[Any] = []
    for column, prop in columns:
        if column.name not in row:
            value = props.get(prop)
        elif column.kind in MANY:
            value = row[column.name] or None
        elif isinstance(row[column.name], list):  # a relationship the table holds once
            linked = row[column.name]
            if len(linked) > 1:
                summary.several.setdefault((table.name, column.name), _Note()).add(
                    f"{key} ({cell_text(linked)})")
            value = linked[0] if linked else None
        else:
            value = row[column.name]
        if value is None and column.required:
            summary.missing.setdefault((table.name, column.name), _Note()).add(key)
        cells.append(value)
    return key, cells
