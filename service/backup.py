"""`articula db dump` and `articula db restore`: the whole database as one gzip JSON-lines file.

The file holds a header line, one line per node (`{"n": key, "labels": [...], "p": {...}}`),
then one per relationship (`{"r": type, "s": key, "e": key, "p": {...}}`) and a trailer with
the counts, so a truncated file is detected. Keys are distinct non-negative integers. Values
JSON cannot hold (temporal values) are written as `{"$": kind, "v": iso text}`. Restore
checks the whole file before it writes; labels and relationship types must be the model's.

Both stream: a dump writes each record as it arrives; a restore reads the file twice (to
check it, then to write it in batches), keeping 8 bytes per node; every transaction on the
server holds a batch, so neither process grows with the database beyond that.
"""

from __future__ import annotations

import gzip
import json
import math
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import neo4j
import numpy as np
from neo4j import time as neo4j_time

from loaders.cypher_run import in_transactions
from loaders.reference_data import apply_schema
from service.cypher_catalog import cypher
from service.errors import ArticulaError
from service.messages import msg, say
from service.progress import Progress

FORMAT = "articula-dump"
VERSION = 1
BATCH = 10_000
WRITERS = 2  # batches a restore writes at the same time

LABELS = frozenset({
    "Initiative", "Actor", "Firm", "Institution", "Program", "Territory", "Sector",
    "GraphVersion", "Load", "LoadJournal", "LoadLock", "LoadFence", "LoadUndo", "ApiKey",
    "AuditEntry",
})
TYPES = frozenset({
    "PARTICIPATES_IN", "GOVERNS", "RUNS", "SUPPORTS", "SUPPLIES", "COLLABORATES_WITH",
    "AGREEMENT_WITH", "LOCATED_IN", "IN_SECTOR", "PART_OF", "CORRESPONDS_TO",
})

TEMPORAL: dict[str, Callable[[str], Any]] = {
    "datetime": neo4j_time.DateTime.from_iso_format,
    "date": neo4j_time.Date.from_iso_format,
    "time": neo4j_time.Time.from_iso_format,
    "duration": neo4j_time.Duration.from_iso_format,
}


class BackupError(ArticulaError):
    code = "BACKUP"


def encode(value: Any) -> Any:
    """A property value as JSON; temporal values and non-finite floats tagged."""
    cls = type(value)
    if cls is str or cls is int or cls is bool:  # nearly every value: no further tests
        return value
    if cls is float and math.isfinite(value):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return {"$": "float", "v": repr(value)}
    for kind, type_ in (
        ("datetime", neo4j_time.DateTime), ("date", neo4j_time.Date),
        ("time", neo4j_time.Time), ("duration", neo4j_time.Duration),
    ):
        if isinstance(value, type_):
            return {"$": kind, "v": value.iso_format()}
    if isinstance(value, str | int | float | bool):
        return value
    raise BackupError(msg("error.backup.property_type", type=type(value).__name__))


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        kind, text = value.get("$"), value.get("v")
        if kind == "float" and text in ("inf", "-inf", "nan"):
            return float(text)
        if kind in TEMPORAL and isinstance(text, str):
            return TEMPORAL[kind](text)
        raise ValueError(f"unknown tagged value {value!r}")
    return value


@dataclass(frozen=True)
class DumpSummary:
    nodes: int
    relationships: int


def dump(driver: neo4j.Driver, database: str, path: Path,
         show_progress: bool = False) -> DumpSummary:
    """Write every node and relationship of `database` to `path`, read in one transaction
    and streamed to the file line by line: the process holds one record at a time."""
    nodes = relationships = 0
    partial = path.with_name(path.name + ".partial")
    with (
        driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session,
        session.begin_transaction() as tx,
        # zlib's default level: a third of level 9's time (gzip's default), a tenth larger
        gzip.open(partial, "wt", encoding="utf-8", compresslevel=6) as out,
    ):
        counts = tx.run(cypher("backup/counts")).single(strict=True)
        bar = Progress(say("cli.dump.writing"), counts["nodes"] + counts["relationships"],
                       say("cli.unit.items"), enabled=show_progress)
        write = out.write
        write(json.dumps({"format": FORMAT, "version": VERSION, "created": _now()}) + "\n")
        with bar:
            for record in tx.run(cypher("backup/nodes")):
                properties = {k: encode(v) for k, v in record["properties"].items()}
                write(json.dumps({"n": record["key"], "labels": record["labels"],
                                  "p": properties}))
                write("\n")
                nodes += 1
                bar.update()
            for record in tx.run(cypher("backup/relationships")):
                properties = {k: encode(v) for k, v in record["properties"].items()}
                line = {"r": record["type"], "s": record["start"], "e": record["end"],
                        "p": properties}
                write(json.dumps(line) + "\n")
                relationships += 1
                bar.update()
        write(json.dumps({"end": True, "nodes": nodes, "relationships": relationships}))
        write("\n")
    partial.replace(path)
    return DumpSummary(nodes, relationships)


Item = tuple[str, dict[str, Any]]  # ("node" | "relationship", its row for the create_ statement)


def _items(path: Path, at_end: Callable[[], None] = lambda: None) -> Iterator[tuple[str, Item]]:
    """Each node and relationship of `path` as a checked row, with where it is; the header
    and the trailer are checked, the trailer's counts against what was read, after
    `at_end` (so that problems are told in the order of their lines)."""
    counted = {"nodes": 0, "relationships": 0}
    trailer: dict[str, Any] | None = None
    line_word = say("term.row.line")  # once: `where` is made for every line of the dump
    for number, line in _lines(path):
        where = f"{path.name}, {line_word} {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise BackupError(msg("error.backup.not_json", where=where,
                                  reason=error.msg)) from error
        if not isinstance(item, dict):
            raise BackupError(msg("error.backup.not_object", where=where))
        if number == 1:
            if item.get("format") != FORMAT or item.get("version") != VERSION:
                raise BackupError(msg("error.backup.not_dump", where=where, format=FORMAT,
                                      version=VERSION))
            continue
        if trailer is not None:
            raise BackupError(msg("error.backup.after_end", where=where))
        if "end" in item:
            trailer = item
        elif "n" in item:
            if counted["relationships"]:
                raise BackupError(msg("error.backup.node_after", where=where))
            counted["nodes"] += 1
            yield where, ("node", _node(item, where))
        elif "r" in item:
            counted["relationships"] += 1
            yield where, ("relationship", _relationship(item, where))
        else:
            raise BackupError(msg("error.backup.neither", where=where))
    at_end()
    if trailer is None:
        raise BackupError(msg("error.backup.truncated", name=path.name))
    stated = {k: trailer.get(k) for k in counted}
    if stated != counted:
        raise BackupError(msg("error.backup.counts", name=path.name, stated=str(stated),
                              counted=str(counted)))


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.is_file():
        raise BackupError(msg("error.backup.no_file", path=str(path)))
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            yield from enumerate(lines, start=1)
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise BackupError(msg("error.backup.not_gzip", name=path.name,
                              reason=str(error))) from error


def _properties(item: dict[str, Any], where: str) -> dict[str, Any]:
    properties = item.get("p", {})
    if not isinstance(properties, dict):
        raise BackupError(msg("error.backup.properties", where=where))
    try:
        return {str(k): decode(v) for k, v in properties.items()}
    except ValueError as error:
        raise BackupError(msg("error.backup.value", where=where, reason=str(error))) from error


def _key(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2 ** 63


def _node(item: dict[str, Any], where: str) -> dict[str, Any]:
    key, labels = item["n"], item.get("labels")
    if not _key(key):
        raise BackupError(msg("error.backup.node_key", where=where, key=key))
    if not isinstance(labels, list) or not labels or not set(labels) <= LABELS:
        unknown = sorted(set(labels or []) - LABELS) if isinstance(labels, list) else labels
        raise BackupError(msg("error.backup.labels", where=where, labels=unknown))
    return {"key": key, "labels": labels, "properties": _properties(item, where)}


def _relationship(item: dict[str, Any], where: str) -> dict[str, Any]:
    type_, start, end = item["r"], item.get("s"), item.get("e")
    if type_ not in TYPES:
        raise BackupError(msg("error.backup.type", where=where, type=type_))
    for end_key in (start, end):
        if not _key(end_key):
            raise BackupError(msg("error.backup.missing_node", where=where, key=end_key))
    return {"type": type_, "start": start, "end": end, "properties": _properties(item, where)}


class _Keys:
    """The dump's node keys, 8 bytes each, to find a key given twice and relationships to a
    node the dump lacks; relationships are checked a batch at a time."""

    def __init__(self) -> None:
        self.added = array("q")
        self.sorted: np.ndarray[Any, np.dtype[np.int64]] | None = None
        self.pending: list[tuple[str, int, int]] = []

    def add(self, key: int) -> None:
        self.added.append(key)

    def refer(self, where: str, start: int, end: int) -> None:
        self.pending.append((where, start, end))
        if len(self.pending) == BATCH:
            self.check()

    def check(self) -> None:
        if self.sorted is None:
            self.sorted = np.sort(np.frombuffer(self.added, dtype=np.int64))
            twice = self.sorted[:-1][self.sorted[1:] == self.sorted[:-1]]
            if len(twice):
                raise BackupError(msg("error.backup.twice", key=int(twice[0])))
        if not self.pending:
            return
        ends = np.array([(s, e) for _, s, e in self.pending], dtype=np.int64)
        at = np.searchsorted(self.sorted, ends)
        found = np.zeros(ends.shape, dtype=bool)
        inside = at < len(self.sorted)
        found[inside] = self.sorted[at[inside]] == ends[inside]
        if not found.all():
            row, column = (int(i[0]) for i in np.nonzero(~found))
            where, start, end = self.pending[row]
            raise BackupError(msg("error.backup.missing_node", where=where,
                                  key=(start, end)[column]))
        self.pending.clear()


def check_dump(path: Path) -> DumpSummary:
    """Read `path` through and check it; a BackupError names the line and what is wrong.
    Holds 8 bytes per node (its key) and a batch of relationships."""
    keys = _Keys()
    counts = {"node": 0, "relationship": 0}
    for where, (kind, row) in _items(path, at_end=keys.check):
        counts[kind] += 1
        if kind == "node":
            keys.add(row["key"])
        else:
            keys.refer(where, row["start"], row["end"])
    return DumpSummary(counts["node"], counts["relationship"])


def restore(
    driver: neo4j.Driver,
    database: str,
    path: Path,
    progress: Callable[[str], None] = lambda message: None,
    show_progress: bool = False,
) -> DumpSummary:
    """Replace everything in `database` with the dump at `path`.

    The file is checked before anything is deleted, then read again as it is written, a
    batch at a time. Should writing fail half-way, the database is emptied again, so it
    never holds part of a dump.
    """
    summary = check_dump(path)
    progress(say("cli.restore.replacing", name=path.name, nodes=summary.nodes,
                 relationships=summary.relationships))
    _empty(driver, database)
    try:
        apply_schema(driver, database)
        driver.execute_query(cypher("backup/key_index"), database_=database)
        driver.execute_query(cypher("backup/await_key_index"), database_=database)
        _write(driver, database, path, summary, show_progress)
        in_transactions(driver, database, "backup/unmark")
        driver.execute_query(cypher("backup/drop_key_index"), database_=database)
        driver.execute_query(cypher("db/bump_version"), database_=database)
    except BaseException:
        _empty(driver, database)
        driver.execute_query(cypher("backup/drop_key_index"), database_=database)
        raise
    return summary


def _empty(driver: neo4j.Driver, database: str) -> None:
    in_transactions(driver, database, "backup/empty_relationships")
    in_transactions(driver, database, "backup/empty")


def _write(driver: neo4j.Driver, database: str, path: Path, summary: DumpSummary,
           show_progress: bool) -> None:
    """Write the dump's nodes, then its relationships, in batches of BATCH, WRITERS at a
    time; at most WRITERS batches wait in memory besides the one being read."""
    statements = {"node": cypher("backup/create_nodes"),
                  "relationship": cypher("backup/create_relationships")}
    bar = Progress(say("cli.restore.writing"), summary.nodes + summary.relationships,
                   say("cli.unit.items"), enabled=show_progress)
    sent: deque[tuple[str, int, Future[None]]] = deque()

    def send(kind: str, rows: list[dict[str, Any]]) -> None:
        records, _, _ = driver.execute_query(statements[kind], rows=rows, database_=database)
        if records[0]["created"] != len(rows):
            raise BackupError(msg("error.backup.batch", name=path.name,
                                  created=records[0]["created"], rows=len(rows), kind=kind))

    def wait(most: int) -> None:
        while len(sent) > most:
            _, size, done = sent.popleft()
            done.result()
            bar.update(size)

    pool = ThreadPoolExecutor(max_workers=WRITERS)
    try:
        kind, batch = "node", list[dict[str, Any]]()
        for _, (item_kind, row) in _items(path):
            if item_kind != kind or len(batch) == BATCH:
                if batch:
                    sent.append((kind, len(batch), pool.submit(send, kind, batch)))
                    batch = []
                wait(0 if item_kind != kind else WRITERS)  # relationships need every node
                kind = item_kind
            batch.append(row)
        if batch:
            sent.append((kind, len(batch), pool.submit(send, kind, batch)))
        wait(0)
    finally:
        pool.shutdown(cancel_futures=True)
        bar.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
