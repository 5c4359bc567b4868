"""`articula load --bulk`: a first load into an empty database through `neo4j-admin database
import full`, which writes a new store without transactions, many times faster than Cypher.

The dataset is validated exactly as `articula load` validates it, against the running
server. Then the server stops, the dataset and what the database held (reference data,
graph version, API keys, audit trail) are written as neo4j-admin CSV files and imported
into a new store; the server starts on it and gets the constraints and indexes of
`db init`; the load's record and a new graph version are written as a live load writes
them. The old store stays beside the new one until all of that has worked; on any failure
it comes back and the server starts on it.
"""

from __future__ import annotations

import numbers
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import neo4j
import numpy as np
from tqdm import tqdm

from loaders.cypher_run import batches, run
from loaders.load import validated
from loaders.numbers import parse_locale
from loaders.reference_data import (
    apply_schema,
    sector_correspondences,
    sector_rows,
    territory_rows,
)
from loaders.validation import Dataset, Rows
from loaders.writer import Counts, LoadSummary, new_load_id, plan, recover
from service import messages
from service.cypher_catalog import cypher
from service.database import sync_driver
from service.errors import ArticulaError
from service.local_neo4j import LocalNeo4j
from service.local_neo4j.server import ADMIN_TOOL
from service.messages import msg
from service.settings import Settings

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: no dataset text holds it
QUOTED = re.compile('[,"\r\n]')  # a field holding one of these is quoted
CARRY_BATCH = 1000
COLUMN_BLOCK = 200_000  # rows of a write made into lines at a time

# ID spaces of the import: territory and sector codes, and the ids of everything else.
TERRITORY, SECTOR, ENTITY = "T", "S", "E"
CODE_SPACES = {"territories": TERRITORY, "sectors": SECTOR}
ENTITY_LABELS = {
    "initiatives": ("Initiative",), "firms": ("Actor", "Firm"),
    "institutions": ("Actor", "Institution"), "programs": ("Program",),
}
# What each relationship statement of writer.plan writes: type, and the ID spaces of its ends.
RELATIONSHIPS: dict[str, tuple[str, str, str]] = {
    "territory_parents": ("PART_OF", TERRITORY, TERRITORY),
    "sector_parents": ("PART_OF", SECTOR, SECTOR),
    "initiative_territories": ("LOCATED_IN", ENTITY, TERRITORY),
    "actor_territories": ("LOCATED_IN", ENTITY, TERRITORY),
    "initiative_sectors": ("IN_SECTOR", ENTITY, SECTOR),
    "firm_sectors": ("IN_SECTOR", ENTITY, SECTOR),
    "runs": ("RUNS", ENTITY, ENTITY),
    "participations": ("PARTICIPATES_IN", ENTITY, ENTITY),
    "governance": ("GOVERNS", ENTITY, ENTITY),
    "supports": ("SUPPORTS", ENTITY, ENTITY),
    "supplies": ("SUPPLIES", ENTITY, ENTITY),
    "collaborations": ("COLLABORATES_WITH", ENTITY, ENTITY),
    "agreements": ("AGREEMENT_WITH", ENTITY, ENTITY),
}
KINDS: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}


class BulkRefused(ArticulaError):
    """A bulk load that cannot run here: a database holding a dataset, a remote Neo4j."""

    code = "BULK_REFUSED"


class BulkImportFailed(ArticulaError):
    code = "BULK_IMPORT_FAILED"


# -- progress ---------------------------------------------------------------------------


class Phase:
    """One phase's progress: a bar on a terminal; otherwise (a log) a line as it begins and
    one each `every` percent done."""

    def __init__(self, label: str, total: int, terminal: bool,
                 say: Callable[[str], None], every: int = 10) -> None:
        self.label, self.total, self.say, self.every = label, max(total, 1), say, every
        self.done = self.reported = 0
        self.bar: tqdm[Any] | None = (tqdm(total=total, desc=label, file=sys.stderr,
                                           leave=False) if terminal else None)
        if self.bar is None:
            say(messages.say("cli.bulk.phase", phase=label))

    def advance(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        percent = min(100, self.done * 100 // self.total) // self.every * self.every
        if percent > self.reported:
            self.reported = percent
            self.say(messages.say("cli.bulk.progress", phase=self.label, percent=percent))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# -- the store's content as neo4j-admin CSV files ---------------------------------------


@dataclass
class Image:
    """What the new store holds: the kept reference nodes and hierarchies, merged with the
    dataset as writer.plan's steps would write it."""

    codes: dict[str, dict[str, dict[str, Any]]]  # space → code → properties
    hierarchy: dict[tuple[str, str, str, str], dict[str, Any]]  # (space, from, type, to)
    carried: list[dict[str, Any]]  # other kept nodes: {labels, properties}


def kept(driver: neo4j.Driver, database: str) -> Image:
    """The database's nodes and relationships as the base of the new store: territories,
    sectors and their hierarchies, and the other nodes to carry over (no relationship
    touches those in the model)."""
    nodes, _, _ = driver.execute_query(cypher("bulk/kept_nodes"), database_=database,
                                       routing_=neo4j.RoutingControl.READ)
    image = Image({TERRITORY: {}, SECTOR: {}}, {}, [])
    where: dict[str, tuple[str, str]] = {}
    for node in nodes:
        labels, properties = list(node["labels"]), dict(node["properties"])
        space = (TERRITORY if "Territory" in labels else SECTOR if "Sector" in labels
                 else None)
        if space is not None and "code" in properties:
            code = properties.pop("code")
            image.codes[space][code] = properties
            where[node["key"]] = (space, code)
        else:
            image.carried.append({"labels": labels, "properties": properties})
    rels, _, _ = driver.execute_query(cypher("bulk/kept_relationships"), database_=database,
                                      routing_=neo4j.RoutingControl.READ)
    for rel in rels:
        start, end = where.get(rel["start"]), where.get(rel["end"])
        if start is not None and end is not None and start[0] == end[0]:
            image.hierarchy[(start[0], start[1], rel["type"], end[1])] = dict(rel["properties"])
    return image


def with_reference(image: Image) -> Image:
    """`image` after load_reference, which a live load runs before it writes: each
    reference territory and sector MERGEd, its properties set when one differs (a null
    one removed), its PART_OF its parent MERGEd, and each national sector code's
    CORRESPONDS_TO its ISIC node(s)."""
    for space, rows in ((TERRITORY, territory_rows()), (SECTOR, sector_rows())):
        codes = image.codes[space]
        for row in rows:  # parents first
            node = codes.setdefault(row["code"], {})
            if any(node.get(k) is None or node[k] != v for k, v in row["props"].items()):
                for k, v in row["props"].items():
                    if v is None:
                        node.pop(k, None)
                    else:
                        node[k] = v
            parent = row["parentCode"]
            if parent and parent in codes:
                image.hierarchy.setdefault((space, row["code"], "PART_OF", parent), {})
    for link in sector_correspondences():
        image.hierarchy.setdefault((SECTOR, link["code"], "CORRESPONDS_TO", link["isicCode"]),
                                   {})["partial"] = link["partial"]
    return image


def reference_image() -> Image:
    """The base of a database that holds only the reference data (for bench/)."""
    return with_reference(Image({TERRITORY: {}, SECTOR: {}}, {}, []))


@dataclass
class ImportFiles:
    """The CSV files of an import, as neo4j-admin's --nodes / --relationships arguments."""

    folder: Path
    nodes: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    node_count: int = 0
    relationship_count: int = 0
    multiline: bool = False  # some text holds a line break

    def arguments(self) -> list[str]:
        return ([f"--nodes={spec}" for spec in self.nodes]
                + [f"--relationships={spec}" for spec in self.relationships]
                + [f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
                   f"--multiline-fields={'true' if self.multiline else 'false'}"])


def _kind(value: Any) -> str:
    kind = KINDS.get(type(value))
    if kind is not None:
        return kind
    if isinstance(value, list):
        inner = {_kind(item) for item in value} or {"string"}
        return (inner.pop() if len(inner) == 1 else "double"
                if inner <= {"long", "double"} else "string") + "[]"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, numbers.Integral):
        return "long"
    if isinstance(value, numbers.Real):
        return "double"
    return "string"


def _cell(value: Any) -> str:
    """`value` as one field of a CSV line (quoted where Python's csv module quotes); None
    as an empty field."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, list):
        text = ARRAY_DELIMITER.join("true" if v is True else "false" if v is False else str(v)
                                    for v in value)
    else:
        text = value if type(value) is str else str(value)
    if QUOTED.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def _shapes(size: int, count: int,
            kinds: list[np.ndarray]) -> tuple[list[tuple[int, ...]], np.ndarray]:
    """The shapes of `size` rows, given each property's kind in each row (one of `count`
    kinds, -1 for none): the distinct shapes, and each row's place among them."""
    shapes: list[tuple[int, ...]] = [()]
    shape_of = np.zeros(size, dtype=np.int64)
    for column in kinds:  # each row's shape so far and this kind, as one number
        found, shape_of = np.unique(shape_of * (count + 1) + column + 1, return_inverse=True)
        shapes = [shapes[number // (count + 1)] + (number % (count + 1) - 1,)
                  for number in found.tolist()]
    return shapes, shape_of


@dataclass(frozen=True)
class _Texts:
    """Per distinct value of a column: its field, and its kind's place in the writer's list
    of kinds (-1 for an empty cell)."""

    fields: np.ndarray  # of str
    kinds: np.ndarray  # of int


class _Writer:
    """Writes the import's files: one per label or type and shape of properties (their
    names and neo4j-admin types), since a column of neo4j-admin has one type (a year must
    stay an integer where it is one)."""

    def __init__(self, files: ImportFiles, phase: Phase) -> None:
        self.files, self.phase = files, phase
        self.open: dict[tuple[str, str, tuple[str, ...]], IO[str]] = {}  # kind, name, header
        self.kinds: dict[str, int] = {}  # neo4j-admin kind -> its place
        self.texts: dict[tuple[int, bool], _Texts] = {}  # (id of the values, with kinds)

    def node(self, labels: str, space: str, key_name: str, key: str,
             properties: dict[str, Any], stamp: str | None = None) -> None:
        """A node; `stamp`: the load id it carries as `loadId`, after its properties."""
        self._row("nodes", labels, [f"{key_name}:ID({space})"], [key], properties, stamp)
        self.files.node_count += 1

    def relationship(self, kind: str, spaces: tuple[str, str], start: str, end: str,
                     properties: dict[str, Any], stamp: str | None = None) -> None:
        self._row("relationships", kind, [f":START_ID({spaces[0]})", f":END_ID({spaces[1]})"],
                  [start, end], properties, stamp)
        self.files.relationship_count += 1

    def _row(self, kind: str, name: str, head: list[str], keys: list[str],
             properties: dict[str, Any], stamp: str | None) -> None:
        header = [*head, *(f"{c}:{_kind(v)}" for c, v in properties.items())]
        cells = [*map(_cell, keys), *map(_cell, properties.values())]
        if stamp is not None:
            header.append("loadId:string")
            cells.append(_cell(stamp))
        self._file(kind, name, header).write(",".join(cells) + "\n")
        self.phase.advance(1)

    def columns(self, kind: str, name: str, head: list[str], rows: Rows, stamp: str) -> None:
        """`rows` (which give columns), each stamped with `stamp`, a block at a time: every
        distinct value's field is made once, and the rows are grouped by which properties
        they have and of what kind."""
        assert rows.columns is not None
        stamp_field = _cell(stamp)
        try:
            for begin in range(0, len(rows), COLUMN_BLOCK):
                block = rows.columns(rows.positions[begin:begin + COLUMN_BLOCK])
                names = list(block.properties)
                size = len(block.ends[0].codes)
                texts = [self._texts(cells.values, size) for cells in block.properties.values()]
                ends = [self._texts(cells.values, size, kinds=False).fields[cells.codes]
                        for cells in block.ends]
                shapes, shape_of = _shapes(size, len(self.kinds), [
                    t.kinds[cells.codes]
                    for t, cells in zip(texts, block.properties.values(), strict=True)])
                kinds = list(self.kinds)
                for number, shape in enumerate(shapes):
                    chosen = np.flatnonzero(shape_of == number) if len(shapes) > 1 \
                        else np.arange(size)
                    present = [j for j, k in enumerate(shape) if k >= 0]
                    header = [*head, *(f"{names[j]}:{kinds[shape[j]]}" for j in present),
                              "loadId:string"]
                    fields = [column[chosen].tolist() for column in ends] + [
                        texts[j].fields[block.properties[names[j]].codes[chosen]].tolist()
                        for j in present] + [[stamp_field] * len(chosen)]
                    self._file(kind, name, header).write(
                        "\n".join(map(",".join, zip(*fields, strict=True))) + "\n")
                self.phase.advance(size)
        finally:
            self.texts.clear()
        if kind == "nodes":
            self.files.node_count += len(rows)
        else:
            self.files.relationship_count += len(rows)

    def _texts(self, values: Sequence[Any], rows: int, kinds: bool = True) -> _Texts:
        """The fields of a block's `rows` values; kept for the step when the column has more
        distinct values than the block has rows (values no longer than the block, such as
        the texts of its rows alone, are made again for each block, at no more cost)."""
        if len(values) <= rows:
            return self._made(values, kinds)
        found = self.texts.get((id(values), kinds))
        if found is None:
            found = self.texts[(id(values), kinds)] = self._made(values, kinds)
        return found

    def _made(self, values: Sequence[Any], kinds: bool) -> _Texts:
        fields = np.empty(len(values), dtype=object)
        fields[:] = [_cell(v) for v in values]
        places = np.array([-1 if v is None else self.kinds.setdefault(_kind(v), len(self.kinds))
                           for v in values], dtype=np.int64) if kinds \
            else np.zeros(0, dtype=np.int64)
        return _Texts(fields, places)

    def _file(self, kind: str, name: str, header: list[str]) -> IO[str]:
        handle = self.open.get((kind, name, tuple(header)))
        if handle is None:
            path = self.files.folder / f"{kind}-{name.replace(':', '_')}-{len(self.open)}.csv"
            handle = path.open("w", encoding="utf-8", newline="")
            handle.write(",".join(map(_cell, header)) + "\n")
            self.open[(kind, name, tuple(header))] = handle
            (self.files.nodes if kind == "nodes" else self.files.relationships).append(
                f"{name}={path}")
        return handle

    def close(self) -> None:
        for handle in self.open.values():
            handle.close()  # closing twice does nothing

    def line_breaks_in_text(self) -> bool:
        """Whether some text holds a line break: then the files hold more line ends than
        rows and headers, or a carriage return (the rows end in a line feed alone)."""
        feeds = returns = 0
        for handle in self.open.values():
            with Path(handle.name).open("rb") as file:
                for block in iter(lambda: file.read(1 << 22), b""):
                    feeds += block.count(b"\n")
                    returns += block.count(b"\r")
        rows = self.files.node_count + self.files.relationship_count + len(self.open)
        return returns > 0 or feeds != rows


def write_import_files(dataset: Dataset, image: Image, folder: Path, load_id: str,
                       summary: LoadSummary, *, terminal: bool = False,
                       say: Callable[[str], None] = lambda message: None) -> ImportFiles:
    """Write `image` with `dataset` applied as writer.plan's steps apply it to a database
    holding only `image` (counting into `summary` what they would count), stamped with
    `load_id`, as CSV files in `folder`."""
    stamp = {"loadId": load_id}
    files = ImportFiles(folder)
    steps = plan(dataset)
    total = (sum(len(step.rows) for step in steps) + len(image.hierarchy)
             + sum(len(codes) for codes in image.codes.values()))
    phase = Phase(messages.say("cli.bulk.writing_files"), total, terminal, say)
    out = _Writer(files, phase)
    try:
        for step in steps:
            statement = step.statement.removeprefix("load/")
            creates = statement.startswith("create_")
            statement = statement.removeprefix("create_")
            counts = summary.counts.setdefault(step.label, Counts())
            if statement in CODE_SPACES:
                _merge_codes(image.codes[CODE_SPACES[statement]], step.rows, stamp, counts)
            elif statement in ENTITY_LABELS:
                if not creates:  # validation found the id in the database, which bulk refuses
                    raise BulkRefused(msg("error.bulk.not_empty", nodes=len(step.rows)))
                out.columns("nodes", ":".join(ENTITY_LABELS[statement]), [f"id:ID({ENTITY})"],
                            step.rows, load_id)
                counts.created += len(step.rows)
            else:
                kind, start, end = RELATIONSHIPS[statement]
                if creates:
                    out.columns("relationships", kind,
                                [f":START_ID({start})", f":END_ID({end})"], step.rows, load_id)
                    counts.created += len(step.rows)
                else:  # between nodes the database held: only the hierarchies
                    _merge_links(image.hierarchy, start, kind, step.rows, stamp, counts)
        for space, label in ((TERRITORY, "Territory"), (SECTOR, "Sector")):
            for code, properties in image.codes[space].items():
                out.node(label, space, "code", code, properties)
        for (space, start, kind, end), properties in image.hierarchy.items():
            out.relationship(kind, (space, space), start, end, properties)
        out.close()
        phase.advance(phase.total - phase.done)  # rows merged into others wrote no line
    finally:
        out.close()
        phase.close()
    files.multiline = out.line_breaks_in_text()
    return files


def _merge_codes(nodes: dict[str, dict[str, Any]], rows: Sequence[dict[str, Any]],
                 stamp: dict[str, Any], counts: Counts) -> None:
    """load/territories and load/sectors (and their create_ steps) on the image."""
    for row in rows:
        old = nodes.get(row["code"])
        if old is None:
            nodes[row["code"]] = {**row["props"], **stamp}
            counts.created += 1
        elif any(k not in old or old[k] != v for k, v in row["props"].items()):
            old.update(row["props"])
            old.update(stamp)
            counts.updated += 1


def _merge_links(links: dict[tuple[str, str, str, str], dict[str, Any]], space: str,
                 kind: str, rows: Sequence[dict[str, Any]], stamp: dict[str, Any],
                 counts: Counts) -> None:
    """load/territory_parents and load/sector_parents on the image."""
    for row in rows:
        key = (space, row["from"], kind, row["to"])
        old = links.get(key)
        if old is None:
            links[key] = {**row["props"], **stamp}
            counts.created += 1
        elif any(k not in old or old[k] != v for k, v in row["props"].items()):
            old.update(row["props"])
            old.update(stamp)
            counts.updated += 1


# -- neo4j-admin ------------------------------------------------------------------------


STAGE = re.compile(r"^(\(\d+/\d+\) [^0-9]+?) \d{4}-\d\d-\d\d")  # "(1/4) Node import 2026-12-05 ..."
DOTS = re.compile(r"^[.\-][. ]+ (\d+)% ")  # ".......... ..........  5% ∆1s 70ms"


def run_import(server: LocalNeo4j, files: ImportFiles, database: str, home: Path,
               heap: str, terminal: bool, say: Callable[[str], None]) -> None:
    """`neo4j-admin database import full` of `files` into database `database` of the server
    home `home` (its conf/ and data/); one progress phase per stage of the import."""
    command = [
        server.java(), f"-Xmx{heap}", "-cp", str(server.jars / "lib" / "*"), ADMIN_TOOL,
        "database", "import", "full", *files.arguments(), "--overwrite-destination=true",
        f"--report-file={files.folder / 'import.report'}", database,
    ]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    tail: deque[str] = deque(maxlen=30)
    phase: Phase | None = None
    with subprocess.Popen(command, env=env, cwd=files.folder, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
                          errors="replace") as process:
        assert process.stdout is not None
        for line in _lines(process.stdout):
            tail.append(line)
            dots, stage = DOTS.match(line), STAGE.match(line)
            if dots and phase is not None:
                phase.advance(max(0, int(dots.group(1)) - phase.done))
            elif stage:
                if phase is not None:
                    phase.close()
                phase = Phase(messages.say("cli.bulk.stage", stage=stage.group(1)), 100,
                              terminal, say, every=50)
        code = process.wait()
    if phase is not None:
        phase.close()
    if code != 0:
        raise BulkImportFailed(msg("error.bulk.import_failed", code=code,
                                   tail="\n".join(tail)))


def _lines(stream: IO[str]) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\n")


# -- the command ------------------------------------------------------------------------


def bulk_load(path: Path, settings: Settings, *, server: LocalNeo4j | None = None,
              dry_run: bool = False, progress: bool = False,
              say: Callable[[str], None] = lambda message: None,
              import_heap: str | None = None, locale: str | None = None,
              strict: bool = False) -> LoadSummary:
    """Load the dataset at `path` into the local server's empty database through
    neo4j-admin; DatasetError (and the store untouched) when anything is wrong, BulkRefused
    when the database holds a dataset or Neo4j is not the local server. The server runs
    at the end, on the new store or, after a failure, on the old one. `import_heap`: the
    import's JVM heap (the server's by default); `locale`: as for `loaders.load.load`."""
    if not settings.uses_local_server:
        raise BulkRefused(msg("error.bulk.remote", uri=settings.neo4j_uri))
    numbers = parse_locale(locale)
    server = server or LocalNeo4j(settings, say=say)
    database = settings.neo4j_database
    server.start(quiet=True)
    with sync_driver(settings) as driver:
        for load_id in recover(driver, database):
            say(messages.say("cli.load.rolled_back", id=load_id))
        held = driver.execute_query(cypher("bulk/held"), database_=database,
                                    routing_=neo4j.RoutingControl.READ)[0][0]["held"]
        if held:
            raise BulkRefused(msg("error.bulk.not_empty", nodes=held))
        dataset = validated(path, driver, database, numbers, say, strict)
        if dry_run:
            return LoadSummary(source=path.name, dry_run=True, rows=dataset.count(),
                               warnings=dataset.warnings)
        image = with_reference(kept(driver, database))
    load_id = new_load_id()
    summary = LoadSummary(source=path.name, load_id=load_id, rows=dataset.count(),
                          warnings=dataset.warnings)
    was_kept = server.kept
    say(messages.say("cli.bulk.stopping", uri=server.uri))
    stopping = threading.Thread(target=server.stop, name="bulk-stop")
    stopping.start()  # while the files are written
    folder = Path(tempfile.mkdtemp(prefix="bulk-", dir=server.directory / "import"))
    try:
        try:
            files = write_import_files(dataset, image, folder, load_id, summary,
                                       terminal=progress, say=say)
        finally:
            stopping.join()
        del dataset
        _replace_store(server, files, database, import_heap or settings.heap, progress, say,
                       image, summary)
    except BaseException:
        if server.pid() is None:  # failed before the import: the old store is in place
            server.start(quiet=True)
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if was_kept:
        server.keep()
    return summary


def _replace_store(server: LocalNeo4j, files: ImportFiles, database: str, heap: str,
                   progress: bool, say: Callable[[str], None], image: Image,
                   summary: LoadSummary) -> None:
    """Import into a new store beside the old one; keep the old one if anything fails."""
    data = server.directory / "data"
    stores = [data / "databases" / database, data / "transactions" / database]
    aside = [store.with_name(f"{store.name}.before-bulk") for store in stores]
    for store, old in zip(stores, aside, strict=True):
        shutil.rmtree(old, ignore_errors=True)
        if store.exists():
            store.rename(old)
    try:
        say(messages.say("cli.bulk.importing", nodes=files.node_count,
                         relationships=files.relationship_count))
        run_import(server, files, database, server.directory, heap, progress, say)
        server.start(quiet=True)
        with sync_driver(server.settings) as driver:
            say(messages.say("cli.bulk.indexing"))
            apply_schema(driver, database)  # the reference data came with the import
            _finish(driver, database, image, summary)
    except BaseException:
        say(messages.say("cli.bulk.restoring"))
        server.stop()
        for store, old in zip(stores, aside, strict=True):
            shutil.rmtree(store, ignore_errors=True)
            if old.exists():
                old.rename(store)
        server.start(quiet=True)
        raise
    for old in aside:
        shutil.rmtree(old, ignore_errors=True)


def _finish(driver: neo4j.Driver, database: str, image: Image, summary: LoadSummary) -> None:
    """The nodes carried over as they were, then the load's record and a new graph version,
    in one transaction, as load/record writes them for a live load."""
    table = {label: [c.created, c.updated] for label, c in summary.counts.items()}
    record = {"id": summary.load_id, "source": summary.source, "loadedAt": datetime.now(UTC)}

    def work(tx: neo4j.ManagedTransaction) -> int | None:
        for batch in batches(image.carried, CARRY_BATCH):
            run(tx, "bulk/carry", rows=list(batch))
        if not (summary.created or summary.updated):
            return None
        rows = run(tx, "load/record", load=record, created=summary.created,
                   updated=summary.updated, summary=str(table), holder=None)
        return int(rows[0]["version"])

    with driver.session(database=database) as session:
        summary.graph_version = session.execute_write(work)
