"""Maintenance at size: `articula db dump`, `db reset --yes`, `db restore` and a persisted
centrality of a synthetic dataset, with each Neo4j heap given.

    .venv/bin/python bench/maintenance.py --actors 1000000 --seed 1 --bolt-port 7697 \
        --heaps 4g 1500m

Generates the dataset into `.articula/bench/synthetic-<actors>-<seed>/` when absent, starts a
local server with an empty store on `--bolt-port` with the first heap, loads the dataset
(`articula db init`, `articula load`) and dumps it (`articula db dump`); then, for each heap,
restarts the server with it, runs `db reset --yes` and `db restore` of the dump, checks
that the reset left the reference data only and that the restore gave back the loaded counts,
then persists the degree centrality of the FULL projection (the API's `persist: true`, by the
same code: a score written to every projected node) and counts the nodes that got it.
Each command runs as its own process: its wall time and peak RSS (from `wait4`) are its own;
the server's RSS and its largest transaction (`SHOW TRANSACTIONS`, estimated heap) are
sampled every half second meanwhile. Prints a Markdown table for BENCHMARKS.md and the
machine's load (`/proc/loadavg`) before and after; stops the server at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import neo4j

from service.local_neo4j import LocalNeo4j
from service.settings import PROJECT_ROOT, Settings

BENCH = PROJECT_ROOT / ".articula" / "bench"
NODES = "MATCH (n) RETURN labels(n) AS labels, count(*) AS n"
RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"
TRANSACTIONS = ("SHOW TRANSACTIONS YIELD estimatedUsedHeapMemory "
                "RETURN max(estimatedUsedHeapMemory) AS most")


@dataclass
class Step:
    heap: str
    command: str
    seconds: float
    cli_peak_mb: float
    server_peak_mb: float
    largest_transaction_mb: float
    ok: bool
    note: str = ""


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def settings_for(port: int, heap: str) -> Settings:
    return Settings(**{"NEO4J_URI": None, "ARTICULA_BOLT_PORT": port,
                       "ARTICULA_NEO4J_HEAP": heap, "ARTICULA_NEO4J_TIMEOUT": 600,
                       "ARTICULA_ANALYTICS_TIMEOUT": 1800})


class Sampler:
    """The server's RSS and its largest running transaction, every half second."""

    def __init__(self, server: LocalNeo4j, driver: neo4j.Driver) -> None:
        self.server, self.driver = server, driver
        self.rss_kb = self.transaction = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def __enter__(self) -> Sampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def run(self) -> None:
        pid = self.server.pid()
        while not self.stopped.wait(0.5):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        self.rss_kb = max(self.rss_kb, int(line.split()[1]))
                records, _, _ = self.driver.execute_query(TRANSACTIONS, database_="system")
                self.transaction = max(self.transaction, int(records[0]["most"] or 0))
            except (OSError, neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError):
                continue


def articula(settings: Settings, *args: str) -> tuple[float, float, int, str]:
    """Run the command line; its seconds, peak RSS in MB, exit code and error output."""
    env = {**os.environ, "ARTICULA_BOLT_PORT": str(settings.bolt_port),
           "ARTICULA_NEO4J_HEAP": settings.heap}
    env.pop("NEO4J_URI", None)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        command = ([sys.executable, __file__, "--persist-only"] if args == ("persist",)
                   else [sys.executable, "-m", "service.cli", *args])
        process = subprocess.Popen(command, env=env,
                                   stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return seconds, usage.ru_maxrss / 1024, process.returncode, err.read()


def persist(bolt_port: int, heap: str) -> None:
    """Degree centrality of the whole FULL projection, persisted as the API's `persist: true`
    does it; run as its own process by `measured`."""
    import asyncio

    from service.analytics import centrality as c
    from service.database import Database
    from service.projections import Projection

    async def run() -> None:
        db = Database(settings_for(bolt_port, heap))
        try:
            request = c.CentralityRequest(c.Metric.DEGREE, Projection.FULL, top=0)
            result = await c.centrality(db, request)
            written = await c.persist_scores(
                db, c.property_name(request.metric, request.projection), result.scores)
            print(f"persisted {written:,} scores")
        finally:
            await db.close()

    asyncio.run(run())


def counts(driver: neo4j.Driver) -> tuple[Counter[str], Counter[str]]:
    """Nodes per label set and relationships per type."""
    nodes, _, _ = driver.execute_query(NODES)
    relationships, _, _ = driver.execute_query(RELATIONSHIPS)
    return (Counter({":".join(sorted(r["labels"])): r["n"] for r in nodes}),
            Counter({r["type"]: r["n"] for r in relationships}))


def measured(heap: str, name: str, server: LocalNeo4j, driver: neo4j.Driver,
             *args: str) -> Step:
    print(f"{time.strftime('%H:%M:%S')} {heap}: articula {' '.join(args)} "
          f"(load {load_average()})", file=sys.stderr, flush=True)
    with Sampler(server, driver) as sampler:
        seconds, peak, code, errors = articula(server.settings, *args)
    note = "" if code == 0 else errors.strip().splitlines()[-1]
    step = Step(heap, name, seconds, peak, sampler.rss_kb / 1024,
                sampler.transaction / 2**20, code == 0, note)
    print(f"  {row(step)}", file=sys.stderr, flush=True)
    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bolt-port", type=int, default=7697)
    parser.add_argument("--heaps", nargs="+", default=["4g", "1500m"])
    parser.add_argument("--persist-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.persist_only:
        persist(int(os.environ["ARTICULA_BOLT_PORT"]), os.environ["ARTICULA_NEO4J_HEAP"])
        return

    folder = BENCH / f"synthetic-{args.actors}-{args.seed}"
    if not (folder / "firms.csv").is_file():
        subprocess.run([sys.executable, "-m", "service.cli", "generate", "--actors",
                        str(args.actors), "--seed", str(args.seed), str(folder)], check=True)
    dump_file = BENCH / f"maintenance-{args.actors}-{args.seed}.dump.gz"
    print(f"load average before: {load_average()}", flush=True)

    steps: list[Step] = []
    server = LocalNeo4j(settings_for(args.bolt_port, args.heaps[0]), say=lambda m: None)
    server.stop()
    shutil.rmtree(server.directory, ignore_errors=True)
    try:
        for number, heap in enumerate(args.heaps):
            server.stop()
            server = LocalNeo4j(settings_for(args.bolt_port, heap), say=lambda m: None)
            server.start()
            s = server.settings
            with neo4j.GraphDatabase.driver(
                s.bolt_uri, auth=(s.neo4j_user, s.neo4j_password.get_secret_value()),
                notifications_min_severity="OFF",
            ) as driver:
                if number == 0:
                    steps.append(measured(heap, "db init", server, driver, "db", "init"))
                    reference = counts(driver)
                    steps.append(measured(heap, "load", server, driver, "load", str(folder)))
                    loaded = counts(driver)
                    steps.append(measured(heap, "db dump", server, driver, "db", "dump",
                                          str(dump_file)))
                step = measured(heap, "db reset --yes", server, driver, "db", "reset", "--yes")
                step.ok = step.ok and counts(driver) == reference
                steps.append(step)
                step = measured(heap, "db restore", server, driver, "db", "restore",
                                str(dump_file), "--yes")
                step.ok = step.ok and counts(driver) == loaded
                steps.append(step)
                step = measured(heap, "persist (degree, FULL)", server, driver, "persist")
                records, _, _ = driver.execute_query(
                    "MATCH (n) WHERE n.score_degree_full IS NOT NULL RETURN count(n) AS n")
                step.ok = step.ok and records[0]["n"] > 0
                steps.append(step)
    finally:
        server.stop()
    print(f"load average after: {load_average()}", flush=True)
    print(table(steps, loaded))


def table(steps: list[Step], loaded: tuple[Counter[str], Counter[str]]) -> str:
    lines = [f"{loaded[0].total():,} nodes, {loaded[1].total():,} relationships loaded", "",
             "| heap | command | seconds | CLI peak MB | server peak RSS MB "
             "| largest transaction MB | result |",
             "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    return "\n".join(lines + [row(s) for s in steps])


def row(s: Step) -> str:
    return (f"| {s.heap} | `{s.command}` | {s.seconds:,.0f} | {s.cli_peak_mb:,.0f} "
            f"| {s.server_peak_mb:,.0f} | {s.largest_transaction_mb:,.0f} "
            f"| {'ok' if s.ok else 'FAILED: ' + s.note} |")


if __name__ == "__main__":
    main()
