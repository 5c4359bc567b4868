"""Load test: a mix of reads, analytics and writes against a running service, on 127.0.0.1.

Starts its own Neo4j (Bolt port --bolt-port) and service (uvicorn, --workers), loads the
sample dataset (or --dataset), creates a READER key per client and an EDITOR key for the
writes, then runs --concurrency clients for --duration seconds, each picking operations at
random by weight. Reports requests/s, p50/p99 latency per kind, every error, the service's
memory (resident set) every 30 s, and checks that the firms the writes created and did not
delete are exactly there.

With --outage-at T, Neo4j is stopped T seconds into the measured run and started again
--outage seconds later (a soak): errors are then told apart by when they came. Inside the
outage (from the stop until Neo4j answers again, plus --grace seconds) every error must be
DATABASE_UNAVAILABLE, WRITE_OUTCOME_UNKNOWN (a write cut off while committing) or an HTTP
503; outside it there must be none; the service is never restarted. A `BUSY` answer is the
service asking a client to come back later: the client waits its `retryAfter` and asks
again, and the retries are counted, not taken as errors.
Run: `.venv/bin/python bench/load_test.py [--duration 300]`, or the soak:
`.venv/bin/python bench/load_test.py --duration 1800 --outage-at 900 --outage 60`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import neo4j

from loaders.load import SAMPLE, init, load
from service.access import create_key
from service.local_neo4j import LocalNeo4j
from service.settings import Settings

READS = {
    "initiative": ("query($id: ID!) { initiative(id: $id) { id name participants { role "
                   "actor { id name territory { code } } } governance { role institution "
                   "{ id name } } } }", lambda r: {"id": r.choice(INITIATIVES)}),
    "firms page": ("query($c: [String!]) { firms(first: 100, filter: {countries: $c}) "
                   "{ totalCount edges { node { id name size employees } } } }",
                   lambda r: {"c": [r.choice(["CO", "MX", "CL", "PE"])]}),
    "network": ("query($c: [String!]) { network(projection: FULL, scope: {countries: $c}) "
                "{ cytoscape } }", lambda r: {"c": [r.choice(["CO", "MX", "CL", "PE"])]}),
}
ANALYTICS = {
    "pagerank": ("query($c: [String!]) { centrality(metric: PAGERANK, projection: ACTORS, "
                 "scope: {countries: $c}, top: 10) { items { id score } } }",
                 lambda r: {"c": [r.choice(["CO", "MX", "CL", "PE"])]}),
    "gaps": ("query($c: [String!]) { coordinationGaps(scope: {countries: $c}) "
             "{ kind severity } }", lambda r: {"c": [r.choice(["CO", "MX", "CL", "PE"])]}),
    "matchmaking": ("query($id: ID!) { matchmaking(id: $id, k: 5) { matches { score } } }",
                    lambda r: {"id": r.choice(INITIATIVES)}),
}
WRITES = {
    "update firm": ("mutation($id: ID!, $n: Int!) { updateFirm(input: {id: $id, "
                    "employees: $n}) { auditId } }",
                    lambda r: {"id": r.choice(FIRMS), "n": r.randint(1, 5000)}),
    "create firm": ("mutation($id: ID!, $name: String!) { createFirm(input: {id: $id, "
                    "name: $name, size: \"SMALL\", territoryCode: \"CO-ANT\", "
                    "sectorCodes: [\"1071\"]}) { auditId } }",
                    lambda r: dict.fromkeys(("id", "name"), f"LOAD-{uuid.uuid4().hex}")),
    "delete firm": ("mutation($id: ID!) { deleteFirm(id: $id) { auditId } }",
                    lambda r: {"id": LIVE.pop(r.randrange(len(LIVE)))} if LIVE else None),
}
MIX = [("read", READS, 0.7), ("analytics", ANALYTICS, 0.2), ("write", WRITES, 0.1)]
INITIATIVES: list[str] = []
FIRMS: list[str] = []
LIVE: list[str] = []  # firms this run created and has not deleted: what "delete firm" takes


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[tuple[float, str, str]] = field(default_factory=list)  # (when, code, text)
    created: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    # writes whose answer never came, or said that they may or may not have committed
    unanswered: set[str] = field(default_factory=set)
    busy: int = 0


@dataclass
class Outage:
    """When Neo4j was away: from its stop until it answered again (monotonic seconds)."""

    began: float | None = None
    ended: float | None = None

    def covers(self, when: float, grace: float) -> bool:
        return (self.began is not None and when >= self.began
                and (self.ended is None or when <= self.ended + grace))


def error_code(status: int, body: dict[str, Any]) -> str:
    """The code an answer carries: the first GraphQL error's, or the HTTP status."""
    for error in body.get("errors") or ():
        code = (error.get("extensions") or {}).get("code")
        if code:
            return str(code)
    return f"HTTP {status}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def service_pids(parent: int) -> list[int]:
    """The service's processes: uvicorn and its workers."""
    children = Path(f"/proc/{parent}/task/{parent}/children")
    return [parent, *(int(p) for p in children.read_text().split())] if children.exists() else [
        parent]


def service_rss(parent: int) -> float:
    """The resident memory of the service: uvicorn and its workers."""
    return sum(rss_mb(p) for p in service_pids(parent) if Path(f"/proc/{p}").exists())


async def client_loop(client: httpx2.AsyncClient, keys: tuple[str, str], until: float,
                      tally: Tally, seed: int) -> None:
    """One client: reads and analytics with its READER key, writes with the EDITOR key."""
    reader, editor = keys
    rng = random.Random(seed)
    kinds = [kind for kind, _, _ in MIX]
    weights = [weight for _, _, weight in MIX]
    operations = {kind: ops for kind, ops, _ in MIX}
    while time.monotonic() < until:
        kind = rng.choices(kinds, weights)[0]
        name = rng.choice(sorted(operations[kind]))
        query, variables = operations[kind][name]
        values = variables(rng)
        if values is None:  # nothing to delete yet
            continue
        headers = {"Authorization": f"Bearer {editor if kind == 'write' else reader}"}
        began = time.perf_counter()
        while True:
            try:
                response = await client.post(
                    "/graphql", json={"query": query, "variables": values}, headers=headers)
                body = response.json()
            except Exception as error:  # every failure is counted and shown
                tally.errors.append((time.monotonic(), type(error).__name__,
                                     f"{name}: {type(error).__name__}: {error}"))
                if name in ("create firm", "delete firm"):
                    tally.unanswered.add(values["id"])
                body = None
                break
            code = error_code(response.status_code, body)
            if code != "BUSY":
                break
            tally.busy += 1
            retry = (body["errors"][0].get("extensions") or {}).get("retryAfter", 1)
            await asyncio.sleep(float(retry))
        if body is None:
            continue
        tally.latencies[f"{kind}: {name}"].append(time.perf_counter() - began)
        if response.status_code != 200 or body.get("errors"):
            tally.errors.append((time.monotonic(), code,
                                 f"{name}: {response.status_code} {body.get('errors')}"))
            if code == "WRITE_OUTCOME_UNKNOWN":  # written or not: the count allows both
                tally.unanswered.add(values["id"])
            elif name == "delete firm":  # refused: the firm is still there
                LIVE.append(values["id"])
        elif name == "create firm":
            tally.created.add(values["id"])
            LIVE.append(values["id"])
        elif name == "delete firm":
            tally.deleted.add(values["id"])


async def sample_memory(pid: int, until: float, every: float = 30) -> list[float]:
    """The service's resident memory every `every` seconds until `until`: growth that levels
    off is caches and buffers filling; growth that goes on is a leak."""
    samples = []
    while time.monotonic() < until:
        await asyncio.sleep(min(every, max(0.0, until - time.monotonic())))
        samples.append(service_rss(pid))
    return samples


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=300)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--bolt-port", type=int, default=7698)
    parser.add_argument("--warmup", type=float, default=20)
    parser.add_argument("--dataset", type=Path, default=SAMPLE,
                        help="dataset folder to load first (default: the sample)")
    parser.add_argument("--outage-at", type=float, default=None,
                        help="stop Neo4j this many seconds into the measured run")
    parser.add_argument("--outage", type=float, default=60,
                        help="seconds Neo4j stays stopped before it is started again")
    parser.add_argument("--grace", type=float, default=10,
                        help="seconds after Neo4j answers again that still count as the outage")
    args = parser.parse_args()

    settings = Settings(NEO4J_URI=None, ARTICULA_BOLT_PORT=args.bolt_port,
                        NEO4J_PASSWORD="articula-load-test", ARTICULA_NEO4J_HEAP="2g",
                        ARTICULA_NEO4J_PAGECACHE="512m")
    server = LocalNeo4j(settings, say=lambda m: print(m, file=sys.stderr))
    server.start()
    uri, auth = settings.bolt_uri, ("neo4j", "articula-load-test")
    try:
        with neo4j.GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF") as driver:
            with driver.session() as session:  # batches commit on their own
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
            init(driver, "neo4j")
            load(args.dataset, driver, "neo4j", progress=False)
            editor = create_key(driver, "neo4j", "load test writes", "EDITOR").key
            readers = [create_key(driver, "neo4j", f"load test client {i}", "READER").key
                       for i in range(args.concurrency)]
            records, _, _ = driver.execute_query(
                "MATCH (i:Initiative) RETURN collect(i.id) AS i")
            INITIATIVES.extend(records[0]["i"])
            records, _, _ = driver.execute_query("MATCH (f:Firm) RETURN collect(f.id) AS f")
            FIRMS.extend(records[0]["f"])
            firms_before = len(FIRMS)
        report = asyncio.run(run(args, server, [(r, editor) for r in readers]))
        with neo4j.GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF") as driver:
            records, _, _ = driver.execute_query(
                "MATCH (f:Firm) RETURN count(f) AS n, "
                "[f IN collect(f) WHERE f.id STARTS WITH 'LOAD-' | f.id] AS created")
        created, deleted = report["created"], report["deleted"]
        unanswered = report["unanswered"]
        found = set(records[0]["created"])
        # a write whose answer never came, or came as WRITE_OUTCOME_UNKNOWN, may or may not
        # have committed
        kept = created - deleted
        exact = (records[0]["n"] == firms_before + len(found)
                 and kept - unanswered <= found <= kept | unanswered)
        print(report["table"])
        print(f"\nFirms created and answered: {len(created)}, of them deleted and answered: "
              f"{len(deleted)}, writes not answered: {len(unanswered)}; created firms in the "
              f"database: {len(found)} ({'exact' if exact else 'NOT EXACT'}).")
    finally:
        server.stop()


async def outage(server: LocalNeo4j, at: float, length: float, window: Outage) -> None:
    """Stop Neo4j at monotonic time `at`, start it `length` seconds later."""
    await asyncio.sleep(max(0.0, at - time.monotonic()))
    window.began = time.monotonic()
    await asyncio.to_thread(server.stop)
    await asyncio.sleep(length)
    await asyncio.to_thread(server.start)
    window.ended = time.monotonic()


async def run(args: argparse.Namespace, server: LocalNeo4j,
              keys: list[tuple[str, str]]) -> dict[str, Any]:
    port = free_port()
    env = {**os.environ, "NEO4J_PASSWORD": "articula-load-test",
           "ARTICULA_BOLT_PORT": str(args.bolt_port)}
    env.pop("NEO4J_URI", None)
    log = Path(tempfile.mkstemp(prefix="articula-load-test-", suffix=".log")[1])
    with log.open("w") as out:
        service = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
             "--log-level", "warning"], env=env, stdout=out, stderr=subprocess.STDOUT)
    window = Outage()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or service.poll() is not None:
                    raise SystemExit(f"the service did not start; see {log}") from None
                time.sleep(0.5)
        limits = httpx2.Limits(max_connections=args.concurrency)
        async with httpx2.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits,
                                      timeout=60) as client:
            warm = Tally()
            await asyncio.gather(*(client_loop(client, keys[i], time.monotonic() + args.warmup,
                                               warm, -1 - i) for i in range(args.concurrency)))
            pids_start = service_pids(service.pid)
            memory_start = service_rss(service.pid)
            tally = Tally()
            began = time.monotonic()
            until = began + args.duration
            memory = asyncio.create_task(sample_memory(service.pid, until))
            stopping = (asyncio.create_task(outage(server, began + args.outage_at,
                                                   args.outage, window))
                        if args.outage_at is not None else None)
            await asyncio.gather(*(client_loop(client, keys[i], until, tally, i)
                                   for i in range(args.concurrency)))
            if stopping is not None:
                await stopping
            elapsed = time.monotonic() - began
            memory_end = service_rss(service.pid)
            pids_end = service_pids(service.pid)
            samples = await memory
    finally:
        service.terminate()
        service.wait(timeout=30)
    total = sum(len(v) for v in tally.latencies.values())
    inside = [e for e in tally.errors if window.covers(e[0], args.grace)]
    outside = [e for e in tally.errors if not window.covers(e[0], args.grace)]
    expected = {"DATABASE_UNAVAILABLE", "WRITE_OUTCOME_UNKNOWN", "HTTP 503"}
    unexpected_inside = [e for e in inside if e[1] not in expected]
    lines = [f"{args.concurrency} clients for {elapsed:.0f} s, {args.workers} uvicorn "
             f"worker(s): {total} requests, {total / elapsed:.1f} requests/s, "
             f"{len(outside)} errors outside the outage, {tally.busy} BUSY answers retried; "
             f"service memory {memory_start:.0f} MB after warm-up, {memory_end:.0f} MB at "
             f"the end; service processes {'unchanged' if pids_start == pids_end else 'CHANGED'}"
             f" ({pids_start} -> {pids_end}).",
             "Service memory every 30 s (MB): " + ", ".join(f"{m:.0f}" for m in samples)]
    if outside:
        kinds: dict[str, int] = defaultdict(int)
        for _, code, text in outside:
            kinds[f"{text.split(':')[0]}: {code}"] += 1
        lines.append("Errors outside the outage: " + ", ".join(
            f"{n} {kind}" for kind, n in sorted(kinds.items())))
    if window.began is not None and window.ended is not None:
        codes: dict[str, int] = defaultdict(int)
        for error in inside:
            codes[error[1]] += 1
        lines.append(
            f"Outage: Neo4j stopped at {window.began - began:.0f} s, answering again at "
            f"{window.ended - began:.0f} s; {len(inside)} errors inside it ("
            + ", ".join(f"{n} {code}" for code, n in sorted(codes.items()))
            + f"), {len(unexpected_inside)} of them unexpected; "
            f"last error inside at "
            f"{(max(e[0] for e in inside) - began) if inside else float('nan'):.0f} s.")
    lines += ["", "| operation | requests | requests/s | p50 ms | p99 ms |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for name, values in sorted(tally.latencies.items()):
        lines.append(f"| {name} | {len(values)} | {len(values) / elapsed:.1f} | "
                     f"{percentile(values, 0.5):.0f} | {percentile(values, 0.99):.0f} |")
    everything = [v for values in tally.latencies.values() for v in values]
    lines.append(f"| all | {total} | {total / elapsed:.1f} | {percentile(everything, 0.5):.0f} "
                 f"| {percentile(everything, 0.99):.0f} |")
    for _, _, text in (outside + unexpected_inside)[:10]:
        lines.append(f"\nerror: {text[:300]}")
    return {"table": "\n".join(lines), "created": warm.created | tally.created,
            "deleted": warm.deleted | tally.deleted,
            "unanswered": warm.unanswered | tally.unanswered}


if __name__ == "__main__":
    main()
