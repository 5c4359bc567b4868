"""The upper bound: `neo4j-admin database import full` of the same dataset into a new store.

Converts a validated dataset (plus the reference territories and sectors) into
neo4j-admin's CSV header format and times the import into a throw-away server home, so
the running servers are never touched. Used by `bench/load_throughput.py`.

As a command, builds the database of one local server from a synthetic dataset, fast (the
analytics benchmark's 100k- and 1M-actor databases):

    .venv/bin/python bench/admin_import.py --actors 1000000 --seed 1 --bolt-port 7704 \
        [--heap 6g]

The server (`ARTICULA_HOME`, `ARTICULA_BOLT_PORT`) is stopped, its store replaced by the
import, started, and given the schema and reference data (`articula db init`). The dataset
is generated into `<home>/bench/synthetic-<actors>-<seed>/` when absent. A marker file in
the server's directory names the dataset imported; when it matches, nothing is done.
"""

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j

from loaders.known import reference_names
from loaders.load import init
from loaders.readers import read_dataset
from loaders.reference_data import sector_rows, territory_rows
from loaders.synthetic import generate
from loaders.validation import Dataset, validate
from loaders.writer import plan
from service.local_neo4j import LocalNeo4j
from service.settings import Settings

LABELS = {
    "territories": "Territory", "sectors": "Sector", "initiatives": "Initiative",
    "firms": "Actor;Firm", "institutions": "Actor;Institution", "programs": "Program",
}
TYPES = {
    "load/territory_parents": "PART_OF", "load/sector_parents": "PART_OF",
    "load/initiative_territories": "LOCATED_IN", "load/actor_territories": "LOCATED_IN",
    "load/initiative_sectors": "IN_SECTOR", "load/firm_sectors": "IN_SECTOR",
    "load/runs": "RUNS", "load/participations": "PARTICIPATES_IN",
    "load/governance": "GOVERNS", "load/supports": "SUPPORTS", "load/supplies": "SUPPLIES",
    "load/collaborations": "COLLABORATES_WITH", "load/agreements": "AGREEMENT_WITH",
}


@dataclass(frozen=True)
class ImportResult:
    nodes: int
    relationships: int
    seconds: float


def _key(statement: str, end: str, value: str) -> str:
    """One ID space: territory and sector codes are prefixed so they cannot clash with ids."""
    code_ends = {
        "load/territory_parents": "both", "load/sector_parents": "both",
        "load/initiative_territories": "to", "load/actor_territories": "to",
        "load/initiative_sectors": "to", "load/firm_sectors": "to",
    }
    which = code_ends.get(statement)
    if which == "both" or which == end:
        prefix = "T:" if "territor" in statement else "S:"
        return prefix + value
    return value


def _header(column: str, rows: list[dict[str, Any]]) -> str:
    """The column's neo4j-admin header with the type the loader's values have (an untyped
    column would store numbers as strings: years, weights)."""
    values = [row["props"][column] for row in rows if row["props"].get(column) is not None]
    items = [v for value in values for v in (value if isinstance(value, list) else [value])]
    kinds = {type(v) for v in items}
    kind = ("boolean" if kinds == {bool} else "long" if kinds == {int}
            else "double" if kinds and kinds <= {int, float} else "string")
    return f"{column}:{kind}{'[]' if any(isinstance(v, list) for v in values) else ''}"


def _write_nodes(folder: Path, name: str, label: str, rows: list[dict[str, Any]],
                 key: str, prefix: str) -> Path:
    columns = sorted({k for row in rows for k in row["props"]})
    path = folder / f"nodes_{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([":ID", ":LABEL", key, *(_header(c, rows) for c in columns)])
        for row in rows:
            props = row["props"]
            writer.writerow([prefix + row[key], label, row[key],
                             *(_cell(props.get(c)) for c in columns)])
    return path


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(map(str, value))
    return value


def convert(dataset: Dataset, folder: Path) -> tuple[list[Path], list[Path]]:
    nodes = [
        _write_nodes(folder, "ref_territories", "Territory",
                     [{"code": r["code"], "props": r["props"]} for r in territory_rows()],
                     "code", "T:"),
        _write_nodes(folder, "ref_sectors", "Sector",
                     [{"code": r["code"], "props": r["props"]} for r in sector_rows()],
                     "code", "S:"),
    ]
    # plan() splits each kind into CREATE and MERGE steps; the import takes them whole.
    merged: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for step in plan(dataset):
        statement = step.statement.replace("load/create_", "load/")
        merged.setdefault((statement, step.label), []).extend(step.rows)
    for (_, label), rows in merged.items():
        if label in LABELS:
            key, prefix = ("code", "T:" if label == "territories" else "S:") \
                if label in ("territories", "sectors") else ("id", "")
            nodes.append(_write_nodes(folder, label, LABELS[label], rows, key, prefix))
    reference_links = [
        {"from": r["code"], "to": r["parentCode"], "props": {}}
        for r in territory_rows() if r["parentCode"]
    ], [
        {"from": r["code"], "to": r["parentCode"], "props": {}}
        for r in sector_rows() if r["parentCode"]
    ]
    relationship_sets = [("load/territory_parents", "ref_territory_parents", reference_links[0]),
                         ("load/sector_parents", "ref_sector_parents", reference_links[1])]
    relationship_sets += [(statement, label.replace(" ", "_"), rows)
                          for (statement, label), rows in merged.items() if label not in LABELS]
    relationships = []
    for statement, name, rows in relationship_sets:
        columns = sorted({k for row in rows for k in row["props"]})
        path = folder / f"rels_{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow([":START_ID", ":END_ID", ":TYPE",
                             *(_header(c, rows) for c in columns)])
            for row in rows:
                writer.writerow([_key(statement, "from", row["from"]),
                                 _key(statement, "to", row["to"]), TYPES[statement],
                                 *(_cell(row["props"].get(c)) for c in columns)])
        relationships.append(path)
    return nodes, relationships


def admin_import(server: LocalNeo4j, dataset: Dataset) -> ImportResult:
    """Convert, then time `neo4j-admin database import full` into a temporary home."""
    with tempfile.TemporaryDirectory(prefix="articula-import-") as tmp:
        home = Path(tmp)
        (home / "conf").mkdir()
        (home / "conf" / "neo4j.conf").write_text("server.memory.pagecache.size=2g\n")
        nodes, relationships = convert(dataset, home)
        command = [
            server.java(), "-Xmx4g", "-cp", str(server.jars / "lib" / "*"),
            "org.neo4j.cli.AdminTool", "database", "import", "full",
            *(f"--nodes={p}" for p in nodes), *(f"--relationships={p}" for p in relationships),
            "--overwrite-destination=true", "--array-delimiter=;", "neo4j",
        ]
        env = {"NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf"), "PATH": "/usr/bin"}
        began = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - began
        if result.returncode != 0:
            raise RuntimeError(f"neo4j-admin import failed:\n{result.stdout[-3000:]}"
                               f"\n{result.stderr[-3000:]}")
        node_count = sum(sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in nodes)
        rel_count = sum(sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in relationships)
        return ImportResult(node_count, rel_count, seconds)


class _ReferenceOnly:
    """What an empty database knows: the reference territories and sectors, no entities."""

    def entities(self, ids: list[str]) -> dict[str, frozenset[str]]:
        return {}

    def territories(self, codes: list[str]) -> set[str]:
        reference = {row["code"] for row in territory_rows()}
        return {c for c in codes if c in reference}

    def sectors(self, codes: list[str]) -> set[str]:
        reference = {row["code"] for row in sector_rows()}
        return {c for c in codes if c in reference}

    def territory_names(self, prefixes: list[str]) -> dict[str, str]:
        return reference_names(territory_rows(), prefixes)

    def sector_names(self, prefixes: list[str]) -> dict[str, str]:
        return reference_names(sector_rows(), prefixes)


def build(server: LocalNeo4j, actors: int, seed: int) -> None:
    """Replace the server's store by an import of the synthetic dataset; start it; db init."""
    name = f"synthetic-{actors}-{seed}"
    marker = server.directory / "imported-dataset"
    if marker.is_file() and marker.read_text().strip() == name:
        print(f"{server.uri} holds {name} already.", file=sys.stderr)
        server.start()
        return
    folder = server.settings.home / "bench" / name
    if not (folder / "firms.csv").is_file():
        print(f"Generating {name}...", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, actors, seed)
    print(f"Validating {name}...", file=sys.stderr)
    dataset = validate(read_dataset(folder), _ReferenceOnly())
    server.stop()
    marker.unlink(missing_ok=True)
    shutil.rmtree(server.directory / "data", ignore_errors=True)
    server._configure()  # the configuration, and the initial password into a new system db
    with tempfile.TemporaryDirectory(prefix="articula-import-") as tmp:
        nodes, relationships = convert(dataset, Path(tmp))
        del dataset
        print(f"Importing {name} into {server.uri}'s store...", file=sys.stderr)
        command = [
            server.java(), "-Xmx4g", "-cp", str(server.jars / "lib" / "*"),
            "org.neo4j.cli.AdminTool", "database", "import", "full",
            *(f"--nodes={p}" for p in nodes), *(f"--relationships={p}" for p in relationships),
            "--overwrite-destination=true", "--array-delimiter=;", "neo4j",
        ]
        env = {**os.environ, "NEO4J_HOME": str(server.directory),
               "NEO4J_CONF": str(server.directory / "conf")}
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"neo4j-admin import failed:\n{result.stdout[-3000:]}"
                               f"\n{result.stderr[-3000:]}")
    server.start()
    settings = server.settings
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with neo4j.GraphDatabase.driver(server.uri, auth=auth,
                                    notifications_min_severity="OFF") as driver:
        init(driver, settings.neo4j_database)
    marker.write_text(f"{name}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bolt-port", type=int, required=True)
    parser.add_argument("--heap", help="the server's heap (ARTICULA_NEO4J_HEAP otherwise)")
    args = parser.parse_args()
    overrides: dict[str, object] = {"ARTICULA_BOLT_PORT": args.bolt_port}
    if args.heap:
        overrides["ARTICULA_NEO4J_HEAP"] = args.heap
    server = LocalNeo4j(Settings(**overrides), say=lambda message: print(message, file=sys.stderr))
    build(server, args.actors, args.seed)


if __name__ == "__main__":
    main()
