"""Load throughput: `articula load` and `articula load --bulk` of synthetic datasets, against
a naive one-row-per-transaction load and against `neo4j-admin database import` of the same
data.

    .venv/bin/python bench/load_throughput.py [--actors 10000 100000 1000000] [--seed 7]

Each size gets a fresh local server (its own Bolt port, an empty store) and runs in a
child process, so its peak memory is its own. Prints a Markdown table for BENCHMARKS.md.
"""

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import neo4j

from loaders.bulk import bulk_load
from loaders.dataset_duplicates import dataset_duplicates
from loaders.known import DatabaseKnown
from loaders.load import init
from loaders.readers import read_dataset
from loaders.validation import validate
from loaders.writer import plan, write
from service.local_neo4j import LocalNeo4j
from service.settings import Settings

NAIVE_SECONDS = 60.0
PORT = 7690  # the local server each size gets (--bolt-port)


def server_for(port: int) -> LocalNeo4j:
    settings = Settings(NEO4J_URI=None, ARTICULA_BOLT_PORT=port)
    server = LocalNeo4j(settings, say=lambda message: None)
    server.stop()
    shutil.rmtree(server.directory, ignore_errors=True)
    return server


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def server_peak_mb(server: LocalNeo4j) -> float:
    pid = server.pid()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one(actors: int, seed: int, naive: bool, port: int = PORT,
        live: bool = True) -> dict[str, Any]:
    """Run in the child: generate, start a fresh server, load (unless not `live`: then
    read and validate only), import, bulk load; report figures."""
    from admin_import import admin_import  # bench/ is on sys.path as the script's folder

    server = server_for(port)
    server.start()
    settings = server.settings
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    work = Path(tempfile.mkdtemp(prefix="articula-bench-"))
    try:
        began = time.perf_counter()
        # in a process of its own, so that the loader's peak memory below is the loader's
        subprocess.run([str(Path(sys.executable).with_name("articula")), "generate",
                        "--actors", str(actors), "--seed", str(seed), str(work / "data")],
                       check=True, stdout=subprocess.DEVNULL)
        generated = time.perf_counter() - began
        with neo4j.GraphDatabase.driver(server.uri, auth=auth,
                                   notifications_min_severity="OFF") as driver:
            init(driver, "neo4j")
            began = time.perf_counter()
            raw = read_dataset(work / "data")
            read = time.perf_counter() - began
            dataset = validate(raw, DatabaseKnown(driver, "neo4j"))
            dataset_duplicates(raw, dataset, driver, "neo4j")  # as `articula load` does
            validated = time.perf_counter() - began - read
            created = (write(driver, "neo4j", dataset, "bench", progress=False).created
                       if live else None)
            total = time.perf_counter() - began
            steps = plan(dataset)
            relationships = sum(len(s.rows) for s in steps if s.relationships)
            nodes = sum(len(s.rows) for s in steps if not s.relationships)
            figures: dict[str, Any] = {
                "actors": actors, "generated_s": generated, "read_s": read,
                "validate_s": validated, "write_s": total - read - validated if live else None,
                "total_s": total if live else None, "nodes": nodes,
                "relationships": relationships, "created": created,
                "loader_peak_mb": peak_rss_mb(),
                "server_peak_mb": server_peak_mb(server),
            }
            if naive:
                figures.update(naive_rate(driver, dataset))
        result = admin_import(server, dataset)
        figures.update(import_s=result.seconds, import_nodes=result.nodes,
                       import_relationships=result.relationships)
        del dataset, raw
        figures.update(bulk_seconds(server, work / "data"))
        return figures
    finally:
        server.stop()
        shutil.rmtree(server.directory, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def bulk_seconds(server: LocalNeo4j, data: Path) -> dict[str, Any]:
    """`articula load --bulk` into the server's emptied store, end to end: validation, the
    server's stop and start, the import, the indexes; and when each phase began (the
    seconds since the start at which the command said what it does next)."""
    server.stop()
    shutil.rmtree(server.directory / "data", ignore_errors=True)
    server.start()
    phases: list[tuple[float, str]] = []
    began = time.perf_counter()

    def note(message: str) -> None:
        if not message.endswith("%"):
            phases.append((round(time.perf_counter() - began, 1), message[:60]))

    server.say = note
    bulk_load(data, server.settings, server=server, say=note)
    return {"bulk_s": time.perf_counter() - began, "bulk_phases": phases}


def naive_rate(driver: neo4j.Driver, dataset: Any) -> dict[str, float]:
    """One MERGE per transaction, the way a first loader is often written, for a minute."""
    from service.cypher_catalog import cypher

    rows = next(s for s in plan(dataset) if s.label == "participations").rows
    statement = cypher("load/participations")
    driver.execute_query("MATCH ()-[r:PARTICIPATES_IN]->() DELETE r")
    done, began = 0, time.perf_counter()
    with driver.session(database="neo4j") as session:
        for row in rows:
            session.execute_write(lambda tx, row=row: tx.run(
                statement, rows=[row], stamp={"loadId": "naive"}).consume())
            done += 1
            if time.perf_counter() - began > NAIVE_SECONDS:
                break
    return {"naive_relationships_per_s": done / (time.perf_counter() - began)}


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| actors | nodes | relationships | read s | validate s | write s | total s "
        "| rels/s (load) | neo4j-admin import s | rels/s (import) | load / import "
        "| loader peak MB | server peak MB | bulk s | rels/s (bulk) | bulk / import |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        import_rate = r["import_relationships"] / r["import_s"]
        bulk_rate = r["relationships"] / r["bulk_s"]
        live, ratio = "| n/a | n/a | n/a ", "n/a"  # --no-live
        if r["total_s"] is not None:
            load_rate = r["relationships"] / r["total_s"]
            live = f"| {r['write_s']:.1f} | {r['total_s']:.1f} | {load_rate:,.0f} "
            ratio = f"{load_rate / import_rate:.2f}"
        lines.append(
            f"| {r['actors']:,} | {r['nodes']:,} | {r['relationships']:,} | {r['read_s']:.1f} "
            f"| {r['validate_s']:.1f} {live}"
            f"| {r['import_s']:.1f} | {import_rate:,.0f} "
            f"| {ratio} | {r['loader_peak_mb']:,.0f} "
            f"| {r['server_peak_mb']:,.0f} | {r['bulk_s']:.1f} | {bulk_rate:,.0f} "
            f"| {bulk_rate / import_rate:.2f} |"
        )
    naive = [r for r in results if "naive_relationships_per_s" in r]
    if naive:
        lines.append("")
        lines.append(f"Naive load (one MERGE per transaction, {NAIVE_SECONDS:.0f} s of "
                     f"participations): {naive[0]['naive_relationships_per_s']:,.0f} "
                     "relationships/s.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bolt-port", type=int, default=PORT,
                        help=f"the local server's Bolt port (default {PORT})")
    parser.add_argument("--no-naive", action="store_true",
                        help="skip the naive load (a minute of the first size)")
    parser.add_argument("--no-live", action="store_true",
                        help="skip the live load (read and validate only): the import and "
                        "the bulk load alone")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--naive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seed, args.naive, args.bolt_port,
                             not args.no_live)))
        return
    results = []
    for n, actors in enumerate(args.actors):
        command = [sys.executable, __file__, "--one", str(actors), "--seed", str(args.seed),
                   "--bolt-port", str(args.bolt_port)]
        if args.no_live:
            command.append("--no-live")
        elif n == 0 and not args.no_naive:
            command.append("--naive")
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(f"{actors:,} actors done; bulk phases (s since its start): "
              f"{results[-1]['bulk_phases']}", file=sys.stderr, flush=True)
    print(table(results))


if __name__ == "__main__":
    main()
