"""The scale curve: every stage from a synthetic dataset to analytics, at several sizes, on
one machine.

    .venv/bin/python bench/scale_curve.py --actors 100000 1000000 5000000 \\
        --bolt-port 7713 --heap 8g --pagecache 4g

For each size: `articula generate` in a process of its own; a fresh local server with an
empty store; `articula load --bulk` in a process of its own (its phases timed from the lines
it says as each begins); `articula serve` (one worker, result cache off); then, through the
API, PageRank and Louvain on FULL (the whole graph) and on ACTORS within `--actors-scope`
(ACTORS pairs every two members of an initiative, so a whole large database is refused by
the pair-work check), each cold (the GDS graph projected first) and warm. Peak memory is
each process's own: the generator's and the loader's from the kernel's accounting of the
child, the service's and the JVM's from /proc (VmHWM). Prints a Markdown table and writes
the figures as JSON beside the logs.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any

from analytics_speed import API_QUERIES, post, proc_kb, say, serve_articula
from api_throughput import child_env

from service.local_neo4j import LocalNeo4j
from service.settings import PROJECT_ROOT, Settings

ARTICULA = str(Path(sys.executable).with_name("articula"))
SCOPED = {
    "pagerank": """
        query PageRank($projection: Projection!, $scope: ScopeInput) {
          centrality(metric: PAGERANK, projection: $projection, scope: $scope, top: 20) {
            nodeCount items { id score rank }
            provenance { graph runtimeMs cached nativeProjection }
          }
        }""",
    "louvain": """
        query Louvain($projection: Projection!, $scope: ScopeInput) {
          communities(algorithm: LOUVAIN, projection: $projection, scope: $scope, top: 20) {
            nodeCount count modularity communities { id size }
            provenance { graph runtimeMs cached nativeProjection }
          }
        }""",
}


def child(command: list[str], env: dict[str, str], log: Path) -> tuple[float, float, list[
        tuple[float, str]]]:
    """Run `command`; its seconds, its own peak memory in MB (VmHWM, read every tenth of a
    second: the kernel's accounting of a child would count the neo4j-admin it runs), and
    each line it said with the seconds since its start."""
    lines: list[tuple[float, str]] = []
    peak = [0]
    began = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)

        def watch() -> None:
            while process.poll() is None:
                with suppress(OSError):
                    peak[0] = max(peak[0], proc_kb(process.pid, "VmHWM"))
                time.sleep(0.1)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        assert process.stdout is not None
        for line in process.stdout:
            out.write(line)
            lines.append((round(time.perf_counter() - began, 1), line.strip()))
        process.wait()
        watcher.join()
    if process.returncode:
        raise SystemExit(f"{command[1]} failed ({process.returncode}); see {log}")
    return time.perf_counter() - began, peak[0] / 1024, lines


def phase_seconds(lines: list[tuple[float, str]]) -> dict[str, float]:
    """The bulk load's validation (reading included) and writing (everything after it:
    the files, the import, the server's restart, the indexes), from when each began."""
    writing = next((at for at, line in lines if line.startswith("Stopping the Neo4j")), None)
    end = lines[-1][0] if lines else 0.0
    if writing is None:
        return {"validate_s": end, "write_s": 0.0}
    return {"validate_s": writing, "write_s": end - writing}


def analyse(url: str, algorithm: str, projection: str,
            scope: dict[str, Any] | None) -> dict[str, Any]:
    """The request cold (no GDS graph yet) and warm; seconds and what it answered."""
    query = SCOPED[algorithm] if scope else API_QUERIES[algorithm]
    variables: dict[str, Any] = {"projection": projection}
    if scope:
        variables["scope"] = scope
    figures: dict[str, Any] = {}
    for run in ("cold", "warm"):
        began = time.perf_counter()
        try:
            data = post(url, query, variables)
        except RuntimeError as refused:
            figures[run] = {"refused": str(refused)[:300]}
            return figures
        answer = next(iter(data.values()))
        figures[run] = {"s": time.perf_counter() - began, "nodes": answer["nodeCount"],
                        "runtime_ms": answer["provenance"]["runtimeMs"],
                        "native": answer["provenance"]["nativeProjection"]}
        say(f"{algorithm} {projection} {run}: {figures[run]}")
    return figures


def one(actors: int, seed: int, port: int, heap: str, pagecache: str,
        actors_scope: list[str], logs: Path, analyse_only: bool = False,
        load_only: bool = False) -> dict[str, Any]:
    settings = Settings(**{"ARTICULA_BOLT_PORT": port, "ARTICULA_NEO4J_HEAP": heap,
                           "ARTICULA_NEO4J_PAGECACHE": pagecache, "NEO4J_URI": None})
    server = LocalNeo4j(settings, say=say)
    server.stop()
    if analyse_only:
        server.start()
        try:
            return {"actors": actors, "analyse_only": True,
                    **measure_analytics(server, settings, actors_scope, logs)}
        finally:
            server.stop()
    shutil.rmtree(server.directory, ignore_errors=True)
    env = child_env(settings)
    env.update(ARTICULA_NEO4J_HEAP=heap, ARTICULA_NEO4J_PAGECACHE=pagecache,
               ARTICULA_LANGUAGE="en")  # phase_seconds reads the English lines
    env.pop("NEO4J_URI", None)
    work = Path(tempfile.mkdtemp(prefix="articula-scale-"))
    figures: dict[str, Any] = {"actors": actors, "seed": seed, "heap": heap,
                               "pagecache": pagecache}
    try:
        say(f"{actors:,} actors: generating")
        seconds, peak, _ = child([ARTICULA, "generate", "--actors", str(actors), "--seed",
                                  str(seed), str(work / "data")], env, logs / "generate.log")
        figures.update(generate_s=seconds, generate_peak_mb=peak)
        server.start()
        say(f"{actors:,} actors: bulk load")
        seconds, peak, lines = child([ARTICULA, "load", str(work / "data"), "--bulk"], env,
                                     logs / f"load-{actors}.log")
        figures.update(load_s=seconds, loader_peak_mb=peak, **phase_seconds(lines),
                       load_phases=[(at, line) for at, line in lines if "%" not in line])
        shutil.rmtree(work, ignore_errors=True)
        if not load_only:
            figures.update(measure_analytics(server, settings, actors_scope, logs))
        return figures
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def measure_analytics(server: LocalNeo4j, settings: Settings, actors_scope: list[str],
                      logs: Path) -> dict[str, Any]:
    """PageRank and Louvain through the API on the server's database; the service's and
    the JVM's peak memory."""
    figures: dict[str, Any] = {}
    with ExitStack() as stack:
        url, pid = serve_articula(stack, settings, logs)
        figures["analytics"] = {
            f"{algorithm} {projection}": analyse(url, algorithm, projection, scope)
            for projection, scope in (("FULL", None), ("ACTORS", {"countries": actors_scope}))
            for algorithm in ("pagerank", "louvain")}
        figures["service_peak_mb"] = proc_kb(pid, "VmHWM") / 1024
    jvm = server.pid()
    figures["jvm_peak_mb"] = proc_kb(jvm, "VmHWM") / 1024 if jvm else None
    return figures


def cell(figure: dict[str, Any] | None) -> str:
    if not figure:
        return "n/a"
    if "refused" in figure:
        return "refused"
    return f"{figure['s']:.1f}"


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| actors | generate s | generator peak MB | validate s | write s | loader peak MB "
        "| FULL PageRank cold / warm s | FULL Louvain cold / warm s "
        "| ACTORS PageRank cold / warm s | ACTORS Louvain cold / warm s "
        "| service peak MB | JVM peak MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        runs = [r.get("analytics", {}).get(f"{a} {p}", {}) for p in ("FULL", "ACTORS")
                for a in ("pagerank", "louvain")]
        service, jvm = r.get("service_peak_mb"), r.get("jvm_peak_mb")
        lines.append(
            f"| {r['actors']:,} | {r['generate_s']:.1f} | {r['generate_peak_mb']:,.0f} "
            f"| {r['validate_s']:.1f} | {r['write_s']:.1f} | {r['loader_peak_mb']:,.0f} | "
            + " | ".join(f"{cell(run.get('cold'))} / {cell(run.get('warm'))}" for run in runs)
            + f" | {'n/a' if service is None else f'{service:,.0f}'} "
            f"| {'n/a' if jvm is None else f'{jvm:,.0f}'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bolt-port", type=int, default=7713)
    parser.add_argument("--heap", default="8g", help="the JVM heap (default 8g)")
    parser.add_argument("--pagecache", default="4g", help="the page cache (default 4g)")
    parser.add_argument("--actors-scope", nargs="+", default=["CR"],
                        help="countries of the ACTORS runs (default CR)")
    parser.add_argument("--analyse-only", action="store_true",
                        help="only the analytics, on what the server at --bolt-port holds "
                        "(the last size a run loaded); --actors names its size")
    parser.add_argument("--load-only", action="store_true",
                        help="generate and bulk load each size, without the analytics")
    args = parser.parse_args()
    logs = Settings().home / "bench" / "scale"
    logs.mkdir(parents=True, exist_ok=True)
    results = []
    for actors in args.actors:
        results.append(one(actors, args.seed, args.bolt_port, args.heap, args.pagecache,
                           args.actors_scope, logs, args.analyse_only, args.load_only))
        name = "scale_analytics.json" if args.analyse_only else "scale_curve.json"
        (logs / name).write_text(json.dumps(results, indent=1))
        say(f"{actors:,} actors done: {json.dumps(results[-1])[:600]}")
    if not args.analyse_only:
        print(table(results))


if __name__ == "__main__":
    main()
