"""API throughput: three reference operations at concurrency 1, 8 and 32, as raw Cypher
through the driver (the floor), through Articula's GraphQL API and through the Neo4j
GraphQL Library serving the same database (the peer, in `neo4j_graphql_peer/`).

    .venv/bin/python bench/api_throughput.py [--actors 100000] [--seed 1] [--duration 10]

The operations: one initiative with its participants (an initiative with the median number
of participants); a page of 100 firms filtered by country and size; a network scoped to
the territory whose network has closest to 1,000 edges. The script generates the synthetic
dataset when absent, loads it into the local Neo4j of `--bolt-port` (started and stopped
here when it was not running; NEO4J_URI, when set, is used instead), starts the service
and the peer on 127.0.0.1, checks that the three targets give the same answers, then
runs each target x operation x concurrency for `--duration` seconds with a small
keep-alive HTTP/1.1 client and prints Markdown tables for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import math
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j

from service.local_neo4j import LocalNeo4j
from service.settings import PROJECT_ROOT, Settings

HERE = Path(__file__).resolve().parent
PEER = HERE / "neo4j_graphql_peer"
CYPHER = HERE / "cypher"
OPERATIONS = ("initiative", "firms", "network")
TARGETS = ("cypher", "articula", "peer")
DESCRIPTION = {
    "initiative": "one initiative with its participants",
    "firms": "a filtered page of 100 firms",
    "network": "a scoped network of about 1,000 edges",
}

ARTICULA_QUERIES = {
    "initiative": """
        query Initiative($id: ID!) {
          initiative(id: $id) {
            id name type
            participants { role since until actor { id name } }
          }
        }""",
    "firms": """
        query Firms($countries: [String!], $sizes: [FirmSize!]) {
          firms(first: 100, filter: {countries: $countries, sizes: $sizes}) {
            edges { node { id name size employees } }
          }
        }""",
    "network": """
        query Network($scope: ScopeInput) {
          network(projection: FULL, scope: $scope) { cytoscape }
        }""",
}
PEER_QUERIES = {
    "initiative": """
        query Initiative($id: ID!) {
          initiatives(where: {id: {eq: $id}}) {
            id name type
            participantsConnection {
              edges { properties { role since until } node { id name } }
            }
          }
        }""",
    "firms": """
        query Firms($countries: [String!], $sizes: [FirmSize!]) {
          firmsConnection(
            first: 100, sort: [{name: ASC}, {id: ASC}],
            where: {size: {in: $sizes},
                    territory: {some: {parent: {some: {parent: {some: {code: {in: $countries}}}}}}}}
          ) {
            edges { node { id name size employees } }
          }
        }""",
    "network": """
        query Network($scope: ScopeInput) {
          network(scope: $scope) {
            nodes { id name entity kind country }
            edges { source target type weight }
          }
        }""",
}


# -- the dataset and the database -------------------------------------------------------


def cypher_file(name: str) -> str:
    return (CYPHER / f"{name}.cypher").read_text()


def articula(settings: Settings, *args: str) -> None:
    """Run the `articula` command against the bench server."""
    command = [str(Path(sys.executable).with_name("articula")), *args]
    subprocess.run(command, check=True, env=child_env(settings), cwd=PROJECT_ROOT,
                   stdout=subprocess.DEVNULL)


def child_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env["ARTICULA_BOLT_PORT"] = str(settings.bolt_port)
    env["NEO4J_PASSWORD"] = settings.neo4j_password.get_secret_value()
    env["NEO4J_USER"] = settings.neo4j_user
    env["NEO4J_DATABASE"] = settings.neo4j_database
    env["ARTICULA_HOME"] = str(settings.home)
    return env


def ensure_dataset(settings: Settings, driver: neo4j.Driver, actors: int, seed: int) -> str:
    """Generate the synthetic dataset when absent and load it unless it is what's loaded."""
    name = f"synthetic-{actors}-{seed}"
    folder = settings.home / "bench" / name
    if not (folder / "firms.csv").is_file():
        say(f"Generating {name}...")
        shutil.rmtree(folder, ignore_errors=True)
        articula(settings, "generate", "--actors", str(actors), "--seed", str(seed), str(folder))
    records, _, _ = driver.execute_query(
        "MATCH (l:Load {status: 'COMMITTED'}) RETURN collect(DISTINCT l.source) AS sources",
        database_=settings.neo4j_database)
    sources = records[0]["sources"]
    if sources != [name]:
        if sources:
            say(f"The database holds {sources}; emptying it...")
            articula(settings, "db", "reset", "--yes")
        say(f"Loading {name} (a couple of minutes at 100k actors)...")
        articula(settings, "db", "init")
        articula(settings, "load", str(folder))
    return name


@dataclass(frozen=True)
class Arguments:
    """The concrete arguments of the three operations, picked from the data."""

    initiative: str
    participants: int
    countries: list[str]
    sizes: list[str]
    matching_firms: int
    scope: dict[str, Any]
    nodes: int
    edges: int

    def variables(self, operation: str) -> dict[str, Any]:
        if operation == "initiative":
            return {"id": self.initiative}
        if operation == "firms":
            return {"countries": self.countries, "sizes": self.sizes}
        return {"scope": self.scope}


def pick_arguments(driver: neo4j.Driver, database: str, countries: list[str],
                   sizes: list[str], edges: int) -> Arguments:
    def query(statement: str, **parameters: Any) -> list[neo4j.Record]:
        records, _, _ = driver.execute_query(statement, parameters, database_=database,
                                             routing_=neo4j.RoutingControl.READ)
        return records

    median = query("""
        MATCH (i:Initiative)
        WITH i, COUNT { (:Actor)-[:PARTICIPATES_IN]->(i) } AS n ORDER BY n, i.id
        WITH collect({id: i.id, n: n}) AS ranked
        RETURN ranked[size(ranked) / 2] AS median""")[0]["median"]
    matching = query("""
        MATCH (c:Territory)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(f:Firm)
        WHERE c.code IN $countries AND f.size IN $sizes
        RETURN count(DISTINCT f) AS n""", countries=countries, sizes=sizes)[0]["n"]
    if matching < 100:
        raise SystemExit(f"Only {matching} firms in {countries} of sizes {sizes}; pick others.")
    network = cypher_file("network")
    best: tuple[int, str, int] | None = None
    for record in query("MATCH (t:Territory {level: 'REGION'}) RETURN t.code AS code "
                        "ORDER BY code"):
        result = query(network, scope={"territories": [record["code"]]})[0]["network"]
        found = len(result["edges"])
        if best is None or abs(found - edges) < abs(best[0] - edges):
            best = (found, record["code"], len(result["nodes"]))
    assert best is not None
    return Arguments(
        initiative=median["id"], participants=median["n"], countries=countries, sizes=sizes,
        matching_firms=matching, scope={"territories": [best[1]]}, nodes=best[2],
        edges=best[0],
    )


# -- targets ----------------------------------------------------------------------------


class HttpConnection:
    """One keep-alive HTTP/1.1 connection, cheap enough not to be what is measured."""

    def __init__(self, port: int, path: str) -> None:
        self.port = port
        self.head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Content-Type: application/json\r\nAccept: application/json\r\n"
                     "Content-Length: ").encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(self.head + str(len(body)).encode() + b"\r\n\r\n" + body)
        status = int((await self.reader.readline()).split(b" ", 2)[1])
        length, chunked, close = -1, False, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = b"close" in value.lower()
        if chunked:
            parts = []
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            await self.reader.readline()
            payload = b"".join(parts)
        else:
            payload = await self.reader.readexactly(length)
        if close:
            await self.close()
        return status, payload

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


Call = Callable[[], Awaitable[None]]


class Target:
    """Something that runs the operations; `caller` gives one concurrent client's call."""

    name = ""

    async def answer(self, operation: str, arguments: Arguments) -> Any:
        """The operation's result in a canonical form, to compare targets."""
        raise NotImplementedError

    async def caller(self, operation: str, arguments: Arguments) -> tuple[Call, Call]:
        """A call that raises on any error, and a close for after the run."""
        raise NotImplementedError

    async def close(self) -> None:
        pass


class CypherTarget(Target):
    """The floor: the operation's one Cypher statement through the async driver."""

    name = "cypher"

    def __init__(self, settings: Settings) -> None:
        self.driver = neo4j.AsyncGraphDatabase.driver(
            settings.bolt_uri,
            auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            user_agent="articula-bench", notifications_min_severity="OFF")
        self.database = settings.neo4j_database

    def _statement(self, operation: str, arguments: Arguments) -> tuple[str, dict[str, Any]]:
        parameters = arguments.variables(operation)
        if operation == "firms":
            parameters["first"] = 100
        return cypher_file(operation), parameters

    async def _run(self, statement: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        async def work(tx: neo4j.AsyncManagedTransaction) -> list[dict[str, Any]]:
            result = await tx.run(statement, parameters)
            return await result.data()

        async with self.driver.session(database=self.database) as session:
            return await session.execute_read(work)

    async def answer(self, operation: str, arguments: Arguments) -> Any:
        rows = await self._run(*self._statement(operation, arguments))
        if operation == "initiative":
            return canonical_participants(rows[0]["participants"])
        if operation == "firms":
            return [row["id"] for row in rows]
        return canonical_network(rows[0]["network"]["nodes"], rows[0]["network"]["edges"])

    async def caller(self, operation: str, arguments: Arguments) -> tuple[Call, Call]:
        statement, parameters = self._statement(operation, arguments)

        async def call() -> None:
            await self._run(statement, parameters)

        async def close() -> None:
            pass

        return call, close

    async def close(self) -> None:
        await self.driver.close()


class GraphQLTarget(Target):
    """A GraphQL server on 127.0.0.1 at `port` and `path`."""

    def __init__(self, name: str, port: int, path: str, queries: dict[str, str],
                 canonical: Callable[[str, dict[str, Any]], Any]) -> None:
        self.name = name
        self.port, self.path, self.queries, self.canonical = port, path, queries, canonical

    def body(self, operation: str, arguments: Arguments) -> bytes:
        return json.dumps({"query": self.queries[operation],
                           "variables": arguments.variables(operation)}).encode()

    async def answer(self, operation: str, arguments: Arguments) -> Any:
        connection = HttpConnection(self.port, self.path)
        try:
            status, payload = await connection.post(self.body(operation, arguments))
        finally:
            await connection.close()
        response = json.loads(payload)
        if status != 200 or response.get("errors"):
            raise RuntimeError(f"{self.name} {operation}: HTTP {status}: {payload[:500]!r}")
        return self.canonical(operation, response["data"])

    async def caller(self, operation: str, arguments: Arguments) -> tuple[Call, Call]:
        connection = HttpConnection(self.port, self.path)
        body = self.body(operation, arguments)

        async def call() -> None:
            status, payload = await connection.post(body)
            if status != 200 or b'"errors"' in payload[:20]:
                raise RuntimeError(f"HTTP {status}: {payload[:200]!r}")

        return call, connection.close


def canonical_participants(participations: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((p["actor"]["id"], p["role"], p["since"], p["until"])
                  for p in participations if p["actor"] and p["actor"]["id"] is not None)


def canonical_network(nodes: list[dict[str, Any]],
                      edges: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    return (sorted((n["id"], n["kind"], n["country"]) for n in nodes),
            sorted((e["source"], e["target"], e["type"], float(e["weight"])) for e in edges))


def articula_canonical(operation: str, data: dict[str, Any]) -> Any:
    if operation == "initiative":
        return canonical_participants(data["initiative"]["participants"])
    if operation == "firms":
        return [edge["node"]["id"] for edge in data["firms"]["edges"]]
    elements = data["network"]["cytoscape"]
    if isinstance(elements, str):
        elements = json.loads(elements)
    if isinstance(elements, dict):
        elements = elements.get("nodes", []) + elements.get("edges", [])
    items = [element["data"] for element in elements]
    return canonical_network([i for i in items if "source" not in i],
                             [{**i, "type": i.get("type", i.get("label"))}
                              for i in items if "source" in i])


def peer_canonical(operation: str, data: dict[str, Any]) -> Any:
    if operation == "initiative":
        (initiative,) = data["initiatives"]
        return canonical_participants([
            {**edge["properties"], "actor": edge["node"]}
            for edge in initiative["participantsConnection"]["edges"]])
    if operation == "firms":
        return [edge["node"]["id"] for edge in data["firmsConnection"]["edges"]]
    return canonical_network(data["network"]["nodes"], data["network"]["edges"])


# -- servers ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def process(command: list[str], env: dict[str, str], cwd: Path, log: Path,
            ready_url: str, timeout_s: float = 60.0) -> Iterator[subprocess.Popen[bytes]]:
    """A child server in its own process group, ready when `ready_url` answers; stopped after."""
    with log.open("wb") as out:
        child = subprocess.Popen(command, env=env, cwd=cwd, stdout=out,
                                 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 start_new_session=True)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if child.poll() is not None:
                raise SystemExit(f"{command[0]} exited with {child.returncode}:\n"
                                 f"{log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(ready_url, timeout=2):
                    break
            except urllib.error.HTTPError:  # it answers, if only to refuse a bare GET
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    raise SystemExit(f"{command[0]} did not answer at {ready_url}") from None
                time.sleep(0.3)
        yield child
    finally:
        with suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGTERM)
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def articula_command(port: int, workers: int) -> list[str]:
    return [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--log-level", "warning", "--no-access-log"]


def peer_command(port: int) -> list[str]:
    return ["node", str(PEER / "server.js")]


def peer_env(settings: Settings, port: int) -> dict[str, str]:
    env = child_env(settings)
    env.update(NEO4J_URI=settings.bolt_uri, PORT=str(port),
               NETWORK_CYPHER_FILE=str(CYPHER / "network.cypher"), NODE_ENV="production")
    return env


def install_peer() -> None:
    if not (PEER / "node_modules").is_dir():
        say("Installing the peer's packages (npm ci)...")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER, check=True,
                       stdout=subprocess.DEVNULL)


def articula_has(port: int, field: str) -> bool:
    """Whether Articula's schema has the root field the operation needs (it grows by issue)."""
    body = json.dumps({"query": "{ __schema { queryType { fields { name } } } }"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            fields = json.loads(response.read())["data"]["__schema"]["queryType"]["fields"]
    except (urllib.error.URLError, KeyError, TypeError):  # introspection refused: try anyway
        return True
    return field in {f["name"] for f in fields}


# -- measuring --------------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes and their children (recursively), from /proc."""
    total, seen, todo = 0.0, set(), list(pids)
    tick = os.sysconf("SC_CLK_TCK")
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return total


@dataclass(frozen=True)
class Cell:
    target: str
    operation: str
    concurrency: int
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    server_cpu_ms: float
    neo4j_cpu_ms: float
    client_cpu_ms: float

    @property
    def skipped(self) -> bool:
        return self.seconds == 0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else math.nan


def percentile(ordered: list[float], q: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


async def run_cell(target: Target, operation: str, arguments: Arguments, concurrency: int,
                   seconds: float, grace: float, server_pids: list[int],
                   neo4j_pids: list[int]) -> Cell:
    """`concurrency` clients, each calling in a loop until `seconds` have passed; calls still
    unanswered `grace` seconds after that are abandoned and counted as errors."""
    callers = [await target.caller(operation, arguments) for _ in range(concurrency)]
    latencies: list[float] = []
    errors: list[str] = []

    async def client(call: Call, deadline: float) -> None:
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                await call()
            except Exception as error:
                errors.append(f"{type(error).__name__}: {error}")
                continue
            latencies.append(time.perf_counter() - began)

    cpu_before = (cpu_seconds(server_pids), cpu_seconds(neo4j_pids), time.process_time())
    began = time.perf_counter()
    clients = [asyncio.create_task(client(call, began + seconds)) for call, _ in callers]
    _, late = await asyncio.wait(clients, timeout=seconds + grace)
    for task in late:
        task.cancel()
        errors.append(f"no answer within {grace:g} s after the end of the run")
    await asyncio.gather(*late, return_exceptions=True)
    elapsed = time.perf_counter() - began
    cpu_after = (cpu_seconds(server_pids), cpu_seconds(neo4j_pids), time.process_time())
    for _, close in callers:
        await close()
    if errors:
        say(f"  {len(errors)} errors, first: {errors[0][:300]}")
    done = max(len(latencies), 1)
    server, database, client_cpu = (1000 * (a - b) / done for a, b in zip(cpu_after, cpu_before,
                                                                            strict=True))
    ordered = sorted(latencies)
    return Cell(target.name, operation, concurrency, len(latencies), len(errors), elapsed,
                1000 * percentile(ordered, 0.50), 1000 * percentile(ordered, 0.99),
                server, database, client_cpu)


async def measure(targets: list[Target], arguments: Arguments, operation: str,
                  args: argparse.Namespace, server_pids: dict[str, list[int]],
                  neo4j_pids: list[int]) -> list[Cell]:
    """Each target's cells for `operation`, after a warm-up at concurrency 1. A concurrency
    whose requests would take longer than `--grace` to drain (concurrency times the p50 at
    concurrency 1) is skipped: they would keep Neo4j busy into the following cells."""
    cells = []
    for target in targets:
        await run_cell(target, operation, arguments, 1, args.warmup, args.grace, [], [])
        alone: float | None = None  # p50 at concurrency 1, in seconds
        for concurrency in args.concurrency:
            if alone is not None and concurrency * alone > args.grace:
                cells.append(Cell(target.name, operation, concurrency, 0, 0, 0.0, *[math.nan] * 5))
                continue
            cell = await run_cell(target, operation, arguments, concurrency, args.duration,
                                  args.grace, server_pids.get(target.name, []), neo4j_pids)
            say(f"{operation:10} {target.name:11} c={concurrency:<3} {cell.rate:8.1f}/s "
                f"p50 {cell.p50_ms:8.1f} ms  p99 {cell.p99_ms:8.1f} ms  errors {cell.errors}")
            cells.append(cell)
            if concurrency == 1:
                alone = cell.p50_ms / 1000
    return cells


async def verify(targets: list[Target], arguments: Arguments, operations: list[str]) -> None:
    """Every target gives the floor's answer; stop before timing anything otherwise."""
    for operation in operations:
        answers = {t.name: await t.answer(operation, arguments) for t in targets}
        reference = answers[targets[0].name]
        expected = {"initiative": arguments.participants, "firms": 100,
                    "network": arguments.edges}[operation]
        found = len(reference[1]) if isinstance(reference, tuple) else len(reference)
        if found != expected:
            raise SystemExit(f"{targets[0].name} gives {found} items for {operation}, "
                             f"not {expected} (the arguments picked are kept in "
                             "bench/<dataset>-arguments.json under ARTICULA_HOME: remove "
                             "that file to pick them again)")
        for name, answer in answers.items():
            if answer != reference:
                raise SystemExit(f"{name} answers {operation} differently from "
                                 f"{targets[0].name}: {summary(answer)} vs {summary(reference)}")
        say(f"{operation}: all targets agree ({summary(reference)})")


def summary(answer: Any) -> str:
    if isinstance(answer, tuple):
        return f"{len(answer[0])} nodes, {len(answer[1])} edges"
    return f"{len(answer)} items"


# -- report -----------------------------------------------------------------------------


def table(cells: list[Cell], concurrencies: list[int]) -> str:
    targets = list(dict.fromkeys(c.target for c in cells))
    by = {(c.operation, c.target, c.concurrency): c for c in cells}
    header = "| operation | target | " + " | ".join(
        f"c={n} req/s | c={n} p50 ms | c={n} p99 ms" for n in concurrencies) + " |"
    lines = [header, "| --- | --- | " + " | ".join(["---:"] * 3 * len(concurrencies)) + " |"]
    for operation in list(dict.fromkeys(c.operation for c in cells)):
        for target in targets:
            row = [by.get((operation, target, n)) for n in concurrencies]
            if not any(row):
                continue
            figures = " | ".join(
                "n/a | n/a | n/a" if c is None else "skipped | | " if c.skipped else
                f"{c.rate:,.1f} | {c.p50_ms:,.1f} | {c.p99_ms:,.1f}" for c in row)
            lines.append(f"| {operation} | {target} | {figures} |")
    return "\n".join(lines)


def cpu_table(cells: list[Cell]) -> str:
    lines = ["| operation | target | concurrency | requests | errors | server CPU ms/req "
             "| Neo4j CPU ms/req | client CPU ms/req |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for c in cells:
        if c.skipped:
            continue
        server = "n/a" if c.target == "cypher" else f"{c.server_cpu_ms:.2f}"
        lines.append(f"| {c.operation} | {c.target} | {c.concurrency} | {c.requests:,} "
                     f"| {c.errors} | {server} | {c.neo4j_cpu_ms:.2f} "
                     f"| {c.client_cpu_ms:.2f} |")
    return "\n".join(lines)


def goal(cells: list[Cell]) -> str:
    by = {(c.operation, c.target, c.concurrency): c for c in cells}
    lines = []
    for (operation, target, concurrency), cell in by.items():
        peer = by.get((operation, "peer", concurrency))
        if target.startswith("articula") and peer is not None and cell.skipped:
            lines.append(f"- {operation}, c={concurrency}: {target} skipped, its requests "
                         "would not drain within --grace (missed)")
        elif target.startswith("articula") and peer is not None:
            ratio = cell.rate / peer.rate
            lines.append(f"- {operation}, c={concurrency}: {target} / peer = {ratio:.2f} "
                         f"({'met' if ratio >= 1 else 'missed'})")
    return "\n".join(lines)


def load_average() -> str:
    """The machine's 1-minute load average: how busy it was beside the benchmark."""
    return Path("/proc/loadavg").read_text().split()[0]


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def versions(settings: Settings, driver: neo4j.Driver) -> str:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
        database_=settings.neo4j_database)
    peer_lock = json.loads((PEER / "package-lock.json").read_text())["packages"]
    npm = ", ".join(f"{name} {peer_lock['node_modules/' + name]['version']}" for name in
                    ("@neo4j/graphql", "@apollo/server", "graphql", "neo4j-driver"))
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    from importlib.metadata import version
    python = ", ".join(f"{p} {version(p)}" for p in
                       ("strawberry-graphql", "fastapi", "uvicorn", "neo4j"))
    return (f"{os.cpu_count()} cores; Neo4j {records[0]['v']}; Python "
            f"{platform.python_version()} ({python}); Node {node} ({npm})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per cell")
    parser.add_argument("--warmup", type=float, default=3.0,
                        help="seconds at concurrency 1 before each target's cells")
    parser.add_argument("--grace", type=float, default=60.0,
                        help="seconds to wait for calls in flight when a cell's time is up")
    parser.add_argument("--articula-source", type=Path, default=PROJECT_ROOT,
                        help="checkout whose service to run (default: this one)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--operations", nargs="+", choices=OPERATIONS, default=list(OPERATIONS))
    parser.add_argument("--targets", nargs="+", choices=TARGETS, default=list(TARGETS))
    parser.add_argument("--workers", type=int, nargs="+", default=[1],
                        help="uvicorn workers for Articula; several values, several targets")
    parser.add_argument("--bolt-port", type=int, default=7693,
                        help="Bolt port of the bench's local Neo4j (default 7693)")
    parser.add_argument("--countries", nargs="+", default=["CO"])
    parser.add_argument("--sizes", nargs="+", default=["SMALL"])
    parser.add_argument("--edges", type=int, default=1000, help="network size to aim for")
    args = parser.parse_args()

    settings = Settings(**{"ARTICULA_BOLT_PORT": args.bolt_port})
    server = LocalNeo4j(settings, say=say) if settings.uses_local_server else None
    started_here = server is not None and server.pid() is None
    logs = settings.home / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    try:
        if server is not None:
            server.start()
        auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
        with neo4j.GraphDatabase.driver(settings.bolt_uri, auth=auth,
                                        notifications_min_severity="OFF") as driver:
            dataset = ensure_dataset(settings, driver, args.actors, args.seed)
            picked = settings.home / "bench" / f"{dataset}-arguments.json"
            wanted = {"countries": args.countries, "sizes": args.sizes, "aim": args.edges}
            saved = json.loads(picked.read_text()) if picked.is_file() else {}
            if saved.get("wanted") == wanted:
                arguments = Arguments(**saved["arguments"])
            else:
                say("Picking the arguments (the scope takes a network per region)...")
                arguments = pick_arguments(driver, settings.neo4j_database, args.countries,
                                           args.sizes, args.edges)
                picked.write_text(json.dumps({"wanted": wanted,
                                              "arguments": dataclasses.asdict(arguments)}))
            machine = versions(settings, driver)
        say(f"Arguments: {arguments}")
        asyncio.run(run(args, settings, server, logs, arguments, dataset, machine))
    finally:
        if server is not None and started_here:
            server.stop()


async def run(args: argparse.Namespace, settings: Settings, server: LocalNeo4j | None,
              logs: Path, arguments: Arguments, dataset: str, machine: str) -> None:
    with ExitStack() as stack:
        targets: list[Target] = []
        server_pids: dict[str, list[int]] = {}
        if "cypher" in args.targets:
            targets.append(CypherTarget(settings))
        missing: list[str] = []
        env = child_env(settings)
        env["PYTHONPATH"] = str(args.articula_source.resolve())
        if "articula" in args.targets:  # the indexes and constraints this service expects
            subprocess.run([sys.executable, "-m", "service.cli", "db", "init"], env=env,
                           cwd=args.articula_source, check=True, stdout=subprocess.DEVNULL)
        for workers in args.workers if "articula" in args.targets else []:
            name = "articula" if len(args.workers) == 1 else f"articula {workers}w"
            port = free_port()
            child = stack.enter_context(process(
                articula_command(port, workers), env, args.articula_source,
                logs / f"{name.replace(' ', '-')}.log", f"http://127.0.0.1:{port}/healthz"))
            missing = [op for op in OPERATIONS if not articula_has(port, op)]
            server_pids[name] = [child.pid]
            targets.append(GraphQLTarget(name, port, "/graphql", ARTICULA_QUERIES,
                                         articula_canonical))
        if missing:
            say(f"Articula's schema lacks {missing} yet: those are measured without it.")
        if "peer" in args.targets:
            install_peer()
            port = free_port()
            child = stack.enter_context(process(
                peer_command(port), peer_env(settings, port), PEER, logs / "peer.log",
                f"http://127.0.0.1:{port}/"))
            server_pids["peer"] = [child.pid]
            targets.append(GraphQLTarget("peer", port, "/", PEER_QUERIES, peer_canonical))
        neo4j_pids = [pid] if server is not None and (pid := server.pid()) else []
        load_before = load_average()
        try:
            cells = []
            for operation in args.operations:
                chosen = [t for t in targets
                          if not (t.name.startswith("articula") and operation in missing)]
                await verify(chosen, arguments, [operation])
                cells += await measure(chosen, arguments, operation, args, server_pids,
                                       neo4j_pids)
        finally:
            for target in targets:
                await target.close()
    workers = "/".join(map(str, args.workers))
    commit = subprocess.run(["git", "-C", str(args.articula_source), "rev-parse", "--short",
                             "HEAD"], capture_output=True, text=True).stdout.strip()
    at = f" (commit {commit})" if commit else ""
    print(f"Dataset {dataset}; {machine}; {args.duration:g} s per cell after "
          f"{args.warmup:g} s of warm-up at concurrency 1; Articula{at} with {workers} uvicorn "
          "worker(s).\n")
    print(f"Load average (1 min) of the machine: {load_before} before, {load_average()} "
          "after.\n")
    print(f"Arguments: initiative {arguments.initiative} ({arguments.participants} "
          f"participants); firms in {arguments.countries} of sizes {arguments.sizes} "
          f"({arguments.matching_firms:,} match, first 100 by name, then id); network scope "
          f"{arguments.scope} ({arguments.nodes:,} nodes, {arguments.edges:,} edges).\n")
    print(table(cells, args.concurrency))
    print()
    print(cpu_table(cells))
    print()
    print(goal(cells))


if __name__ == "__main__":
    main()
