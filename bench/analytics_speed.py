"""Analytics speed: PageRank, sampled betweenness and Louvain on the 100k- and 1M-actor
synthetic datasets, end to end through Articula's API, as the raw GDS procedure call, along
the researcher's own route (igraph), and in NetworkX on the same edges, with memory.

    .venv/bin/python bench/analytics_speed.py [--actors 100000 1000000] [--seed 1]
        [--bolt-ports 7703 7704] [--heaps 4g 6g] [--repeats 3] [--cold-repeats 3]
        [--sample 100] [--nx-timeout 900] [--no-igraph] [--cypher-projection]

For each size: the bench database of that size on its own local server (built with
`bench/admin_import.py` when it does not hold the dataset; started when stopped, and stopped
at the end when this script started it), Articula served by uvicorn (one worker, result cache
off: ARTICULA_ANALYTICS_CACHED_RESULTS=0), then for each algorithm, `--cold-repeats` times
and then `--repeats` times, interleaved (the order of API and raw alternates):

- cold: the GDS graph is dropped first, so the time is projection + algorithm;
- warm: the graph is in the GDS catalogue and the result is not cached.

API = client wall time of the GraphQL request over HTTP. Raw = the service's own projection
into a graph of another name (GDS's native projection, `analytics/project_native`, for a
projection that has a native form, as the service projects the unscoped graph; with
`--cypher-projection`, or for INITIATIVES, its Cypher statements:
`analytics/project_rows` with the projection's statements spliced in, then
`analytics/project` of those rows; for ACTORS its in-place statement,
`analytics/project_actors`) and the procedure's stream (`bench/cypher/analytics/`)
through the synchronous driver, with the configuration the service uses. igraph (FULL only)
= the researcher's own route, every run from scratch: the nodes and edges pulled with the
Python driver (`bench/cypher/analytics/researcher_*.cypher`, one record each), an igraph
graph built from them (parallel edges summed), and `pagerank`, `community_multilevel` or
`betweenness` from `--sample` sources (seeded); timed apart for the pull, the build and the
run, interleaved with the other targets. Cold API runs compare with the whole route, warm
ones with igraph's run alone. NetworkX = one child process per algorithm given the
projection's edges (exported from the GDS graph once), timed apart for building the graph
and running the algorithm, stopped after `--nx-timeout` seconds (then reported as a lower
bound); its peak RSS is the child's. Also recorded: GDS's estimate for each algorithm, the
graph's size in the catalogue, the Neo4j heap in use (JMX) after each algorithm, the JVM's
and Articula's peak RSS. Prints Markdown tables and writes the figures as JSON to
`<ARTICULA_HOME>/bench/analytics-speed-<actors>.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any

import neo4j
import numpy as np

from service.analytics.graphs import WEIGHTED, native_relationships, rows_query
from service.cypher_catalog import cypher
from service.local_neo4j import LocalNeo4j
from service.projections import SPECS, Projection
from service.scope import Scope
from service.settings import PROJECT_ROOT, Settings

HERE = Path(__file__).resolve().parent
ALGORITHMS = ("pagerank", "betweenness", "louvain")
RAW_GRAPH = "bench-raw"
SEED = 1
CONCURRENCY: dict[str, int] = {}
"""GDS concurrency per algorithm in the raw calls (1 when absent): the service's settings."""

API_QUERIES = {
    "pagerank": """
        query PageRank($projection: Projection!) {
          centrality(metric: PAGERANK, projection: $projection, top: 20) {
            nodeCount items { id score rank } distribution { p50 p99 max }
            provenance { graph runtimeMs cached nativeProjection }
          }
        }""",
    "betweenness": """
        query Betweenness($projection: Projection!, $size: Int!, $seed: Int!) {
          centrality(metric: BETWEENNESS, projection: $projection, top: 20,
                     sampling: {size: $size, seed: $seed}) {
            nodeCount items { id score rank } distribution { p50 p99 max }
            provenance { graph runtimeMs cached nativeProjection }
          }
        }""",
    "louvain": """
        query Louvain($projection: Projection!) {
          communities(algorithm: LOUVAIN, projection: $projection, top: 20) {
            nodeCount count modularity communities { id size }
            provenance { graph runtimeMs cached nativeProjection }
          }
        }""",
}
ESTIMATES = {"pagerank": "pagerank", "betweenness": "betweenness", "louvain": "louvain"}


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def gds_config(algorithm: str, projection: Projection, sample: int, nodes: int
               ) -> dict[str, Any]:
    """What the service passes GDS for these requests (weights only on weighted projections;
    betweenness counts hops)."""
    config: dict[str, Any] = {"concurrency": CONCURRENCY.get(algorithm, 1)}
    if projection in WEIGHTED and algorithm != "betweenness":
        config["relationshipWeightProperty"] = "weight"
    if algorithm == "pagerank":
        config.update(dampingFactor=0.85, maxIterations=100, tolerance=1e-7)
    if algorithm == "betweenness":
        config.update(samplingSize=min(sample, nodes), samplingSeed=SEED)
    return config


def raw_statement(algorithm: str) -> str:
    return (HERE / "cypher" / "analytics" / f"{algorithm}.cypher").read_text()


# -- the servers --------------------------------------------------------------------------


def proc_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def serve_articula(stack: ExitStack, settings: Settings, logs: Path) -> tuple[str, int]:
    """Articula on a free port (one uvicorn worker, result cache off); its URL and pid."""
    from api_throughput import articula_command, child_env, free_port, process

    port = free_port()
    env = child_env(settings)
    env.update(ARTICULA_ANALYTICS_CACHED_RESULTS="0", ARTICULA_ANALYTICS_TIMEOUT="1800",
               ARTICULA_ANALYTICS_CACHED_GRAPHS="8")
    env.pop("NEO4J_URI", None)
    child = stack.enter_context(process(
        articula_command(port, 1), env, PROJECT_ROOT, logs / f"articula-{settings.bolt_port}.log",
        f"http://127.0.0.1:{port}/healthz"))
    return f"http://127.0.0.1:{port}/graphql", child.pid


def post(url: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(url, data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=3600) as response:
        answer: dict[str, Any] = json.loads(response.read())
    if answer.get("errors"):
        raise RuntimeError(f"the API answered with errors: {answer['errors']}")
    return answer["data"]


class Bench:
    """One dataset's server, driver and service, and the measurements on them."""

    def __init__(self, driver: neo4j.Driver, database: str, url: str, articula_pid: int,
                 neo4j_pid: int, projection: Projection, sample: int,
                 cypher_projection: bool = False) -> None:
        self.driver = driver
        self.database = database
        self.url = url
        self.articula_pid = articula_pid
        self.neo4j_pid = neo4j_pid
        self.projection = projection
        self.sample = sample
        self.nodes = 0
        self.relationships = 0
        self.heap_used: dict[str, int] = {}
        self.cypher_projection = cypher_projection or SPECS[projection].native is None
        self.native_api: bool | None = None

    def query(self, statement: str, **parameters: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(statement, parameters,
                                                  database_=self.database)
        return [r.data() for r in records]

    def graphs(self, prefix: str) -> list[dict[str, Any]]:
        return self.query(cypher("analytics/graphs"), prefix=prefix)

    def drop(self, prefix: str) -> None:
        for row in self.graphs(prefix):
            self.query(cypher("analytics/drop_graph"), graph=row["graph"])

    def heap_in_use(self) -> int:
        rows = self.query("CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
                          "RETURN attributes.HeapMemoryUsage.value.properties.used AS used")
        return int(rows[0]["used"])

    # the two targets: each returns (seconds, figures)

    def api(self, algorithm: str) -> tuple[float, dict[str, Any]]:
        variables: dict[str, Any] = {"projection": self.projection.value}
        if algorithm == "betweenness":
            variables.update(size=self.sample, seed=SEED)
        began = time.perf_counter()
        data = post(self.url, API_QUERIES[algorithm], variables)
        seconds = time.perf_counter() - began
        result = next(iter(data.values()))
        if result["provenance"]["cached"]:
            raise RuntimeError("the result cache answered; it should be off")
        self.native_api = result["provenance"]["nativeProjection"]
        return seconds, {"runtimeMs": result["provenance"]["runtimeMs"],
                         "graph": result["provenance"]["graph"]}

    def project_raw(self) -> tuple[float, dict[str, Any]]:
        spec = SPECS[self.projection]
        began = time.perf_counter()
        if not self.cypher_projection:
            row = self.query(cypher("analytics/project_native"), graph=RAW_GRAPH,
                             labels=[str(label) for label in spec.labels],
                             relationships=native_relationships(spec))[0]
        elif spec.in_place is not None:  # as the service projects ACTORS
            row = self.query(cypher(spec.in_place.statement), graph=RAW_GRAPH,
                             **Scope().parameters())[0]
        else:
            records, _, _ = self.driver.execute_query(
                rows_query(self.projection), directed=spec.directed,
                labels=[str(label) for label in spec.labels], **Scope().parameters(),
                database_=self.database)
            row = self.query(cypher("analytics/project"), graph=RAW_GRAPH,
                             directed=spec.directed, rows=records[0]["rows"])[0]
        seconds = time.perf_counter() - began
        self.nodes, self.relationships = int(row["nodeCount"]), int(row["relationshipCount"])
        return seconds, {"projectMillis": row["projectMillis"]}

    def raw(self, algorithm: str) -> tuple[float, dict[str, Any]]:
        config = gds_config(algorithm, self.projection, self.sample, self.nodes)
        began = time.perf_counter()
        row = self.query(raw_statement(algorithm), graph=RAW_GRAPH, config=config)[0]
        seconds = time.perf_counter() - began
        return seconds, {"rows": len(row["id"])}

    def raw_cold(self, algorithm: str) -> tuple[float, dict[str, Any]]:
        self.drop(RAW_GRAPH)
        projecting, figures = self.project_raw()
        running, more = self.raw(algorithm)
        return projecting + running, {**figures, **more, "project_s": projecting}

    def api_cold(self, algorithm: str) -> tuple[float, dict[str, Any]]:
        self.drop("articula-")
        return self.api(algorithm)

    def igraph(self, algorithm: str) -> tuple[float, dict[str, Any]]:
        """The researcher's route from scratch: pull, build, run (see the module's text)."""
        import igraph as ig

        began = time.perf_counter()
        nodes, _, _ = self.driver.execute_query(raw_statement("researcher_nodes"),
                                                database_=self.database)
        edges, _, _ = self.driver.execute_query(raw_statement("researcher_edges"),
                                                database_=self.database)
        ids = [r["id"] for r in nodes]
        rows = [(r["source"], r["target"], r["weight"]) for r in edges]
        pulled = time.perf_counter()
        index = {node: i for i, node in enumerate(ids)}
        graph = ig.Graph(n=len(ids), edges=[(index[s], index[t]) for s, t, _ in rows])
        graph.es["weight"] = [w for _, _, w in rows]
        graph.simplify(multiple=True, loops=True, combine_edges={"weight": "sum"})
        built = time.perf_counter()
        weights = "weight" if self.projection in WEIGHTED else None
        if algorithm == "pagerank":
            graph.pagerank(damping=0.85, weights=weights)
        elif algorithm == "louvain":
            graph.community_multilevel(weights=weights)
        else:
            rng = np.random.default_rng(SEED)
            sources = rng.choice(graph.vcount(), min(self.sample, graph.vcount()),
                                 replace=False).tolist()
            graph.betweenness(directed=False, sources=sources)
        ran = time.perf_counter()
        return ran - began, {"pull_s": pulled - began, "build_s": built - pulled,
                             "run_s": ran - built, "nodes": graph.vcount(),
                             "edges": graph.ecount()}


def interleaved(bench: Bench, algorithm: str, cold_repeats: int, repeats: int,
                use_igraph: bool = False) -> dict[str, list[float]]:
    """Cold then warm runs of the targets, the order turning each time (igraph's route, from
    scratch each time, runs with the cold ones, or alone in a turn without them)."""
    times: dict[str, list[float]] = {"api_cold": [], "raw_cold": [], "api_warm": [],
                                     "raw_warm": [], "api_runtime_ms": [], "raw_project_s": [],
                                     "igraph_cold": [], "igraph_pull_s": [],
                                     "igraph_build_s": [], "igraph_run_s": []}
    route = [("igraph", bench.igraph)] if use_igraph else []
    for turn in range(max(cold_repeats, repeats)):
        pairs: list[tuple[str, Callable[[str], tuple[float, dict[str, Any]]]]] = [
            ("api", bench.api_cold), ("raw", bench.raw_cold), *route]
        warm: list[tuple[str, Callable[[str], tuple[float, dict[str, Any]]]]] = [
            ("api", bench.api), ("raw", bench.raw)]
        pairs = pairs[turn % len(pairs):] + pairs[:turn % len(pairs)]
        if turn % 2:
            warm.reverse()
        if turn >= cold_repeats:
            pairs = route
        for target, run in pairs:
            seconds, figures = run(algorithm)
            times[f"{target}_cold"].append(seconds)
            if target == "raw":
                times["raw_project_s"].append(figures["project_s"])
            if target == "igraph":
                for part in ("pull_s", "build_s", "run_s"):
                    times[f"igraph_{part}"].append(figures[part])
            say(f"  {algorithm} {target} cold {seconds:.2f} s {figures}")
        if turn >= cold_repeats:  # warm runs need both graphs
            if not bench.graphs("articula-"):
                bench.api(algorithm)
            if not bench.graphs(RAW_GRAPH):
                bench.project_raw()
        if turn < repeats:
            for target, run in warm:
                seconds, figures = run(algorithm)
                times[f"{target}_warm"].append(seconds)
                if target == "api":
                    times["api_runtime_ms"].append(figures["runtimeMs"])
                say(f"  {algorithm} {target} warm {seconds:.2f} s")
    return times


def memory_figures(bench: Bench, algorithm: str) -> dict[str, Any]:
    """GDS's estimate of the run and the graph's size, from the raw graph."""
    config = gds_config(algorithm, bench.projection, bench.sample, bench.nodes)
    if algorithm == "louvain":  # the service estimates the mutate mode it runs
        config["mutateProperty"] = "articula_partition_estimate"
    estimate = bench.query(cypher(f"analytics/estimate/{ESTIMATES[algorithm]}"),
                           graph=RAW_GRAPH, config=config)[0]
    return {"estimate_bytes_max": int(estimate["bytesMax"]),
            "estimate": str(estimate["requiredMemory"])}


# -- NetworkX ------------------------------------------------------------------------------


def export_edges(bench: Bench, folder: Path) -> Path:
    """The raw graph's nodes and edges (each undirected edge once) as numpy arrays."""
    row = bench.query((HERE / "cypher" / "analytics" / "edges.cypher").read_text(),
                      graph=RAW_GRAPH)[0]
    path = folder / "edges.npz"
    np.savez(path, nodes=np.asarray(row["nodes"], dtype=np.int64),
             source=np.asarray(row["source"], dtype=np.int64),
             target=np.asarray(row["target"], dtype=np.int64),
             weight=np.asarray(row["weight"], dtype=np.float64))
    return path


def nx_child(path: str, algorithm: str, sample: int, weighted: bool) -> None:
    """In the child: build the graph, run the algorithm, print the figures as JSON."""
    import networkx as nx

    weight = "weight" if weighted else None
    arrays = np.load(path)
    began = time.perf_counter()
    graph = nx.Graph()
    graph.add_nodes_from(arrays["nodes"].tolist())
    graph.add_weighted_edges_from(zip(arrays["source"].tolist(), arrays["target"].tolist(),
                                      arrays["weight"].tolist(), strict=True))
    build = time.perf_counter() - began
    del arrays
    print(json.dumps({"build_s": build, "nodes": graph.number_of_nodes(),
                      "edges": graph.number_of_edges()}), flush=True)
    began = time.perf_counter()
    if algorithm == "pagerank":
        nx.pagerank(graph, alpha=0.85, max_iter=100, tol=1e-7, weight=weight)
    elif algorithm == "betweenness":
        nx.betweenness_centrality(graph, k=min(sample, graph.number_of_nodes()), seed=SEED)
    else:
        nx.community.louvain_communities(graph, weight=weight, seed=SEED)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"algorithm_s": seconds, "peak_mb": peak}), flush=True)


def nx_run(path: Path, algorithm: str, sample: int, weighted: bool, timeout: float
           ) -> dict[str, Any]:
    """One NetworkX child; past `timeout` seconds of algorithm it is stopped (a lower bound)."""
    command = [sys.executable, __file__, "--nx-child", str(path), algorithm, str(sample),
               "weighted" if weighted else "unweighted"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    figures: dict[str, Any] = json.loads(child.stdout.readline())
    began = time.perf_counter()
    peak_kb = 0
    while child.poll() is None:
        with suppress(FileNotFoundError, ProcessLookupError):
            peak_kb = max(peak_kb, proc_kb(child.pid, "VmHWM"))
        if time.perf_counter() - began > timeout:
            child.kill()
            child.wait()
            figures.update(algorithm_s=timeout, stopped=True, peak_mb=peak_kb / 1024)
            return figures
        time.sleep(0.5)
    figures.update(json.loads(child.stdout.readline()), stopped=False)
    return figures


# -- one dataset ---------------------------------------------------------------------------


def dataset(actors: int, seed: int, port: int, heap: str, args: argparse.Namespace
            ) -> dict[str, Any]:
    settings = Settings(**{"ARTICULA_BOLT_PORT": port, "ARTICULA_NEO4J_HEAP": heap})
    server = LocalNeo4j(settings, say=say)
    was_running = server.pid() is not None
    logs = settings.home / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    projection = Projection(args.projection)
    results: dict[str, Any] = {"actors": actors, "seed": seed, "heap": heap,
                               "projection": projection.value, "sample": args.sample,
                               "algorithms": {}}
    tmp = tempfile.mkdtemp(prefix="articula-nx-")
    try:
        return measured(server, was_running, logs, tmp, results, args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def measured(server: LocalNeo4j, was_running: bool, logs: Path, tmp: str,
             results: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """Build or start the server, measure both targets, then (servers stopped) NetworkX."""
    from admin_import import build

    settings = server.settings
    actors, seed = results["actors"], results["seed"]
    projection = Projection(results["projection"])
    with ExitStack() as stack:
        build(server, actors, seed)
        if not was_running:
            stack.callback(server.stop)
        auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
        driver = stack.enter_context(neo4j.GraphDatabase.driver(
            server.uri, auth=auth, notifications_min_severity="OFF"))
        neo4j_pid = server.pid()
        assert neo4j_pid is not None
        url, articula_pid = serve_articula(stack, settings, logs)
        bench = Bench(driver, settings.neo4j_database, url, articula_pid, neo4j_pid,
                      projection, args.sample, args.cypher_projection)
        bench.drop("articula-")
        bench.drop(RAW_GRAPH)
        for algorithm in args.algorithms:
            say(f"{actors:,} actors: {algorithm}")
            cold = args.cold_repeats if algorithm in args.cold_algorithms else 0
            times = interleaved(bench, algorithm, cold, args.repeats,
                                use_igraph=not args.no_igraph and projection is Projection.FULL)
            if "nodes" not in results:
                results.update(nodes=bench.nodes, relationships=bench.relationships,
                               graph_bytes=int(bench.graphs(RAW_GRAPH)[0]["sizeInBytes"]))
                say(f"  {bench.nodes:,} nodes, {bench.relationships:,} relationships")
            figures: dict[str, Any] = {"times": times, **memory_figures(bench, algorithm),
                                       "heap_used_after": bench.heap_in_use()}
            results["algorithms"][algorithm] = figures
        results["native_api"] = bench.native_api
        results["native_raw"] = not bench.cypher_projection
        results["concurrency"] = dict(CONCURRENCY)
        results["articula_rss_mb"] = proc_kb(articula_pid, "VmRSS") / 1024
        results["articula_peak_mb"] = proc_kb(articula_pid, "VmHWM") / 1024
        results["neo4j_peak_mb"] = proc_kb(neo4j_pid, "VmHWM") / 1024
        if not args.no_nx:
            began = time.perf_counter()
            path = export_edges(bench, Path(tmp))
            results["export_s"] = time.perf_counter() - began
        bench.drop("articula-")
        bench.drop(RAW_GRAPH)
    # Neo4j (when started here) and Articula are stopped: NetworkX gets their memory.
    if not args.no_nx:
        for algorithm in args.algorithms:
            say(f"{actors:,} actors: NetworkX {algorithm}")
            nx = nx_run(path, algorithm, args.sample, projection in WEIGHTED, args.nx_timeout)
            say(f"  {nx}")
            results["algorithms"][algorithm]["nx"] = nx
    out = settings.home / "bench" / f"analytics-speed-{actors}.json"
    out.write_text(json.dumps(results, indent=2))
    return results


# -- the tables ----------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def cell(value: float) -> str:
    return "n/a" if value != value else f"{value:,.2f}"  # NaN: not measured


def tables(results: list[dict[str, Any]]) -> str:
    lines = [
        "| actors | nodes | relationships | graph MB | JVM peak RSS MB | Articula RSS MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(f"| {r['actors']:,} | {r['nodes']:,} | {r['relationships']:,} "
                     f"| {r['graph_bytes'] / 2**20:,.0f} | {r['neo4j_peak_mb']:,.0f} "
                     f"| {r['articula_rss_mb']:,.0f} (peak {r['articula_peak_mb']:,.0f}) |")
    lines += [
        "",
        "| actors | algorithm | API cold s | raw cold s | API/raw cold | API warm s "
        "| raw warm s | API/raw warm | NX build s | NX run s | NX run / API warm "
        "| NX peak MB | GDS estimate | heap in use MB |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    for r in results:
        for algorithm, f in r["algorithms"].items():
            t = f["times"]
            api_cold, raw_cold = median(t["api_cold"]), median(t["raw_cold"])
            api_warm, raw_warm = median(t["api_warm"]), median(t["raw_warm"])
            nx = f.get("nx")
            if nx:
                bound = ">" if nx["stopped"] else ""
                nx_cells = (f"{nx['build_s']:.1f} | {bound}{nx['algorithm_s']:,.1f} "
                            f"| {bound}{nx['algorithm_s'] / api_warm:,.1f}x "
                            f"| {nx['peak_mb']:,.0f}")
            else:
                nx_cells = "n/a | n/a | n/a | n/a"
            lines.append(
                f"| {r['actors']:,} | {algorithm} | {cell(api_cold)} | {cell(raw_cold)} "
                f"| {cell(api_cold / raw_cold)} | {api_warm:.2f} | {raw_warm:.2f} "
                f"| {api_warm / raw_warm:.2f} | {nx_cells} | {f['estimate']} "
                f"| {f['heap_used_after'] / 2**20:,.0f} |")
    lines += researcher_table(results)
    return "\n".join(lines)


def researcher_table(results: list[dict[str, Any]]) -> list[str]:
    """The researcher's route (igraph) against the API: cold against the whole route, warm
    against igraph's run alone (speed ratio = igraph run / API warm)."""
    lines = [
        "",
        "| actors | algorithm | igraph pull s | build s | run s | route s | API cold s "
        "| route / API cold | API warm s | igraph run / API warm |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for algorithm, f in r["algorithms"].items():
            t = f["times"]
            if not t.get("igraph_cold"):
                continue
            route, api_cold = median(t["igraph_cold"]), median(t["api_cold"])
            run, api_warm = median(t["igraph_run_s"]), median(t["api_warm"])
            lines.append(
                f"| {r['actors']:,} | {algorithm} | {median(t['igraph_pull_s']):.2f} "
                f"| {median(t['igraph_build_s']):.2f} | {run:.2f} | {route:.2f} "
                f"| {cell(api_cold)} | {cell(route / api_cold)}x | {api_warm:.2f} "
                f"| {run / api_warm:.2f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bolt-ports", type=int, nargs="+", default=[7703, 7704])
    parser.add_argument("--heaps", nargs="+", default=["4g", "6g"])
    parser.add_argument("--projection", default="FULL", choices=[p.value for p in Projection])
    parser.add_argument("--algorithms", nargs="+", default=list(ALGORITHMS), choices=ALGORITHMS)
    parser.add_argument("--repeats", type=int, default=3, help="warm runs of each target")
    parser.add_argument("--cold-repeats", type=int, default=3, help="cold runs of each target")
    parser.add_argument("--cold-algorithms", nargs="+", default=list(ALGORITHMS),
                        choices=ALGORITHMS,
                        help="the algorithms measured cold too (the projection dominates)")
    parser.add_argument("--sample", type=int, default=100,
                        help="betweenness source nodes (GDS samplingSize, NetworkX k)")
    parser.add_argument("--nx-timeout", type=float, default=900.0)
    parser.add_argument("--no-nx", action="store_true")
    parser.add_argument("--no-igraph", action="store_true",
                        help="leave out the researcher's route (igraph)")
    parser.add_argument("--cypher-projection", action="store_true",
                        help="raw target: the Cypher projection even where a native one exists")
    parser.add_argument("--concurrency", nargs="+", default=[], metavar="ALGORITHM=N",
                        help="GDS concurrency of the raw calls (the service's settings)")
    parser.add_argument("--nx-child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--tables", nargs="+", type=Path,
                        help="print the tables of earlier runs' JSON files and stop")
    args = parser.parse_args()
    if args.nx_child:
        nx_child(args.nx_child[0], args.nx_child[1], int(args.nx_child[2]),
                 args.nx_child[3] == "weighted")
        return
    if args.tables:
        print(tables([json.loads(p.read_text()) for p in args.tables]))
        return
    CONCURRENCY.update({k: int(v) for k, v in (c.split("=") for c in args.concurrency)})
    if not len(args.actors) == len(args.bolt_ports) == len(args.heaps):
        parser.error("give one --bolt-ports and one --heaps value per --actors value")
    results = []
    say(f"load average {os.getloadavg()}")
    for actors, port, heap in zip(args.actors, args.bolt_ports, args.heaps, strict=True):
        results.append(dataset(actors, args.seed, port, heap, args))
        say(f"load average {os.getloadavg()}")
    print(tables(results))


if __name__ == "__main__":
    main()
