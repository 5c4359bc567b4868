"""`articula db dump` and `articula db restore`: the whole database as one gzip JSON-lines file.

The file holds a header line, one line per node (`{"n": key, "labels": [...], "p": {...}}`),
one per relationship (`{"r": type, "s": key, "e": key, "p": {...}}`) and a trailer with the
counts, so a truncated file is detected. Values JSON cannot hold (temporal values) are
written as `{"$": kind, "v": iso text}`. Restore checks the whole file before it writes;
labels and relationship types must be the model's.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import neo4j
from neo4j import time as neo4j_time

from loaders.reference_data import apply_schema
from service.cypher_catalog import cypher
from service.errors import ArticulaError

FORMAT = "articula-dump"
VERSION = 1
BATCH = 10_000

LABELS = frozenset({
    "Initiative", "Actor", "Firm", "Institution", "Program", "Territory", "Sector",
    "GraphVersion", "Load", "LoadJournal", "LoadLock", "LoadFence", "LoadUndo", "ApiKey",
    "AuditEntry",
})
TYPES = frozenset({
    "PARTICIPATES_IN", "GOVERNS", "RUNS", "SUPPORTS", "SUPPLIES", "COLLABORATES_WITH",
    "AGREEMENT_WITH", "LOCATED_IN", "IN_SECTOR", "PART_OF",
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
    raise BackupError(f"cannot write a property of type {type(value).__name__} to a dump")


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


def dump(driver: neo4j.Driver, database: str, path: Path) -> DumpSummary:
    """Write every node and relationship of `database` to `path`, read in one transaction."""
    keys: dict[str, int] = {}
    relationships = 0
    partial = path.with_name(path.name + ".partial")
    with (
        driver.session(database=database) as session,
        session.begin_transaction() as tx,
        gzip.open(partial, "wt", encoding="utf-8") as out,
    ):
        write = out.write
        write(json.dumps({"format": FORMAT, "version": VERSION, "created": _now()}) + "\n")
        for record in tx.run(cypher("backup/nodes")):
            key = keys.setdefault(record["id"], len(keys))
            properties = {k: encode(v) for k, v in record["properties"].items()}
            write(json.dumps({"n": key, "labels": record["labels"], "p": properties}) + "\n")
        for record in tx.run(cypher("backup/relationships")):
            properties = {k: encode(v) for k, v in record["properties"].items()}
            line = {
                "r": record["type"], "s": keys[record["start"]], "e": keys[record["end"]],
                "p": properties,
            }
            write(json.dumps(line) + "\n")
            relationships += 1
        write(json.dumps({"end": True, "nodes": len(keys), "relationships": relationships}))
        write("\n")
    partial.replace(path)
    return DumpSummary(len(keys), relationships)


@dataclass
class Dump:
    """A dump file read and checked in full, ready to write."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)


def read_dump(path: Path) -> Dump:
    """Read and check `path`; a BackupError names the line and what is wrong with it."""
    result = Dump()
    seen: set[int] = set()
    trailer: dict[str, Any] | None = None
    for number, line in _lines(path):
        where = f"{path.name}, line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise BackupError(f"{where}: not JSON ({error.msg})") from error
        if not isinstance(item, dict):
            raise BackupError(f"{where}: expected an object")
        if number == 1:
            if item.get("format") != FORMAT or item.get("version") != VERSION:
                raise BackupError(
                    f"{where}: not an Articula dump (format {FORMAT} version {VERSION})"
                )
            continue
        if trailer is not None:
            raise BackupError(f"{where}: data after the end of the dump")
        if "end" in item:
            trailer = item
        elif "n" in item:
            result.nodes.append(_node(item, where, seen))
        elif "r" in item:
            result.relationships.append(_relationship(item, where, seen))
        else:
            raise BackupError(f"{where}: neither a node, a relationship nor the end")
    if trailer is None:
        raise BackupError(f"{path.name}: the dump ends early (no end line): it is truncated")
    counted = {"nodes": len(result.nodes), "relationships": len(result.relationships)}
    stated = {k: trailer.get(k) for k in counted}
    if stated != counted:
        raise BackupError(f"{path.name}: the end line says {stated}, the file holds {counted}")
    return result


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            yield from enumerate(lines, start=1)
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise BackupError(f"{path.name}: not a readable gzip file ({error})") from error


def _properties(item: dict[str, Any], where: str) -> dict[str, Any]:
    properties = item.get("p", {})
    if not isinstance(properties, dict):
        raise BackupError(f"{where}: properties must be an object")
    try:
        return {str(k): decode(v) for k, v in properties.items()}
    except ValueError as error:
        raise BackupError(f"{where}: {error}") from error


def _node(item: dict[str, Any], where: str, seen: set[int]) -> dict[str, Any]:
    key, labels = item["n"], item.get("labels")
    if not isinstance(key, int) or key in seen:
        raise BackupError(f"{where}: node key {key!r} is not a new integer")
    if not isinstance(labels, list) or not labels or not set(labels) <= LABELS:
        unknown = sorted(set(labels or []) - LABELS) if isinstance(labels, list) else labels
        raise BackupError(f"{where}: labels {unknown!r} are not the model's")
    seen.add(key)
    return {"key": key, "labels": labels, "properties": _properties(item, where)}


def _relationship(item: dict[str, Any], where: str, seen: set[int]) -> dict[str, Any]:
    type_, start, end = item["r"], item.get("s"), item.get("e")
    if type_ not in TYPES:
        raise BackupError(f"{where}: relationship type {type_!r} is not the model's")
    for end_key in (start, end):
        if end_key not in seen:
            raise BackupError(f"{where}: relationship to node {end_key!r}, which the dump lacks")
    return {"type": type_, "start": start, "end": end, "properties": _properties(item, where)}


def restore(
    driver: neo4j.Driver,
    database: str,
    path: Path,
    progress: Callable[[str], None] = lambda message: None,
) -> DumpSummary:
    """Replace everything in `database` with the dump at `path`.

    The file is checked before anything is deleted. Should writing fail half-way, the
    database is emptied again, so it never holds part of a dump.
    """
    content = read_dump(path)
    progress(f"{path.name}: {len(content.nodes)} nodes, "
             f"{len(content.relationships)} relationships; replacing the database")
    with driver.session(database=database) as session:
        session.run(cypher("backup/empty")).consume()
    try:
        apply_schema(driver, database)
        element_ids = _write_nodes(driver, database, content.nodes, progress)
        _write_relationships(driver, database, content.relationships, element_ids, progress)
        driver.execute_query(cypher("db/bump_version"), database_=database)
    except BaseException:
        with driver.session(database=database) as session:
            session.run(cypher("backup/empty")).consume()
        raise
    return DumpSummary(len(content.nodes), len(content.relationships))


def _write_nodes(
    driver: neo4j.Driver, database: str, nodes: list[dict[str, Any]],
    progress: Callable[[str], None],
) -> dict[int, str]:
    element_ids: dict[int, str] = {}
    query = cypher("backup/create_nodes")
    for start in range(0, len(nodes), BATCH):
        records, _, _ = driver.execute_query(
            query, rows=nodes[start:start + BATCH], database_=database
        )
        element_ids.update((record["key"], record["id"]) for record in records)
        progress(f"nodes {min(start + BATCH, len(nodes))}/{len(nodes)}")
    return element_ids


def _write_relationships(
    driver: neo4j.Driver, database: str, relationships: list[dict[str, Any]],
    element_ids: dict[int, str], progress: Callable[[str], None],
) -> None:
    query = cypher("backup/create_relationships")
    for start in range(0, len(relationships), BATCH):
        rows = [
            {**r, "start": element_ids[r["start"]], "end": element_ids[r["end"]]}
            for r in relationships[start:start + BATCH]
        ]
        driver.execute_query(query, rows=rows, database_=database)
        progress(f"relationships {min(start + BATCH, len(relationships))}/{len(relationships)}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
