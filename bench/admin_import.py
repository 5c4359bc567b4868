"""The upper bound: `neo4j-admin database import full` of the same dataset into a new store.

Writes a validated dataset (plus the reference territories and sectors) as neo4j-admin CSV
files with the product's bulk loader (loaders/bulk.py) and times the import alone into a
throw-away server home, so the running servers are never touched. Used by
`bench/load_throughput.py`.

As a command, builds the database of one local server from a synthetic dataset, fast (the
analytics benchmark's 100k- and 1M-actor databases):

    .venv/bin/python bench/admin_import.py --actors 1000000 --seed 1 --bolt-port 7704 \
        [--heap 6g]

The server (`ARTICULA_HOME`, `ARTICULA_BOLT_PORT`) is stopped, its store emptied, started,
and loaded with `articula load --bulk`. The dataset is generated into
`<home>/bench/synthetic-<actors>-<seed>/` when absent. A marker file in the server's
directory names the dataset imported; when it matches, nothing is done.
"""

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from loaders.bulk import bulk_load, reference_image, run_import, write_import_files
from loaders.synthetic import generate
from loaders.validation import Dataset
from loaders.writer import LoadSummary
from service.local_neo4j import LocalNeo4j
from service.settings import Settings


@dataclass(frozen=True)
class ImportResult:
    nodes: int
    relationships: int
    seconds: float


def admin_import(server: LocalNeo4j, dataset: Dataset) -> ImportResult:
    """Write the import files, then time `neo4j-admin database import full` alone into a
    temporary home."""
    with tempfile.TemporaryDirectory(prefix="articula-import-") as tmp:
        home = Path(tmp)
        (home / "conf").mkdir()
        (home / "conf" / "neo4j.conf").write_text("server.memory.pagecache.size=2g\n")
        files = write_import_files(dataset, reference_image(), home, "bench",
                                   LoadSummary(source="bench"))
        began = time.perf_counter()
        run_import(server, files, "neo4j", home, "4g", False, lambda message: None)
        return ImportResult(files.node_count, files.relationship_count,
                            time.perf_counter() - began)


def build(server: LocalNeo4j, actors: int, seed: int) -> None:
    """Replace the server's store by a bulk load of the synthetic dataset."""
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
    server.stop()
    marker.unlink(missing_ok=True)
    shutil.rmtree(server.directory / "data", ignore_errors=True)
    server.start()
    bulk_load(folder, server.settings, server=server, progress=sys.stderr.isatty(),
              say=lambda message: print(message, file=sys.stderr, flush=True))
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
