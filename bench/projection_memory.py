"""What projecting a whole graph costs the JVM: GDS's native projection against the service's
Cypher projection of the same unscoped graph, each on a freshly started server.

    .venv/bin/python bench/projection_memory.py --bolt-port 7722 [--projection FULL]
        [--repeats 1]

The local server of that port (`ARTICULA_HOME`; it must hold the dataset already, e.g.
built by `bench/admin_import.py`) is restarted before each projection, so that the JVM's peak
RSS (`VmHWM`) is that projection's; the kinds alternate. Recorded per projection: the time,
GDS's node and relationship counts, the graph's size in the catalogue, the JVM's peak RSS
before and after, and the heap in use right after (JMX, garbage included). The server is left
running when it was running, stopped otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import neo4j

from service.analytics.graphs import native_relationships, rows_query
from service.cypher_catalog import cypher
from service.local_neo4j import LocalNeo4j
from service.projections import SPECS, Projection
from service.scope import Scope
from service.settings import Settings

GRAPH = "bench-projection-memory"


def vm_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def project(driver: neo4j.Driver, database: str, projection: Projection, kind: str
            ) -> dict[str, Any]:
    spec = SPECS[projection]
    began = time.perf_counter()
    if kind == "native":
        records, _, _ = driver.execute_query(
            cypher("analytics/project_native"), graph=GRAPH,
            labels=[str(label) for label in spec.labels],
            relationships=native_relationships(spec), database_=database)
    elif spec.in_place is not None:  # as the service projects ACTORS
        records, _, _ = driver.execute_query(
            cypher(spec.in_place.statement), graph=GRAPH, **Scope().parameters(),
            database_=database)
    else:
        rows, _, _ = driver.execute_query(
            rows_query(projection), directed=spec.directed,
            labels=[str(label) for label in spec.labels], **Scope().parameters(),
            database_=database)
        records, _, _ = driver.execute_query(
            cypher("analytics/project"), graph=GRAPH, directed=spec.directed,
            rows=rows[0]["rows"], database_=database)
    seconds = time.perf_counter() - began
    row = records[0]
    return {"seconds": seconds, "nodes": row["nodeCount"],
            "relationships": row["relationshipCount"]}


def measure(server: LocalNeo4j, projection: Projection, kind: str) -> dict[str, Any]:
    server.stop()
    server.start()
    pid = server.pid()
    assert pid is not None
    settings = server.settings
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with neo4j.GraphDatabase.driver(server.uri, auth=auth,
                                    notifications_min_severity="OFF") as driver:
        database = settings.neo4j_database
        before = vm_kb(pid, "VmHWM")
        figures = project(driver, database, projection, kind)
        figures["peak_before_mb"] = before / 1024
        figures["peak_mb"] = vm_kb(pid, "VmHWM") / 1024
        records, _, _ = driver.execute_query(
            "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
            "RETURN attributes.HeapMemoryUsage.value.properties.used AS used",
            database_=database)
        figures["heap_used_mb"] = int(records[0]["used"]) / 2**20
        listed, _, _ = driver.execute_query(cypher("analytics/graphs"), prefix=GRAPH,
                                            database_=database)
        figures["graph_mb"] = int(listed[0]["sizeInBytes"]) / 2**20
        figures["native"] = bool(listed[0]["native"])
        driver.execute_query(cypher("analytics/drop_graph"), graph=GRAPH, database_=database)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bolt-port", type=int, required=True)
    parser.add_argument("--projection", default="FULL",
                        choices=[p.value for p in Projection if SPECS[p].native is not None])
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    server = LocalNeo4j(Settings(**{"ARTICULA_BOLT_PORT": args.bolt_port}))
    was_running = server.pid() is not None
    projection = Projection(args.projection)
    results: list[dict[str, Any]] = []
    try:
        for turn in range(args.repeats):
            kinds = ("native", "cypher") if turn % 2 == 0 else ("cypher", "native")
            for kind in kinds:
                figures = {"kind": kind, **measure(server, projection, kind)}
                print(json.dumps(figures), file=sys.stderr, flush=True)
                results.append(figures)
    finally:
        if not was_running:
            server.stop()
    print("| projection | kind | nodes | relationships | s | graph MB | heap in use MB "
          "| JVM peak RSS MB (after start) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {projection.value} | {r['kind']} | {r['nodes']:,} | {r['relationships']:,} "
              f"| {r['seconds']:.2f} | {r['graph_mb']:,.0f} | {r['heap_used_mb']:,.0f} "
              f"| {r['peak_mb']:,.0f} ({r['peak_before_mb']:,.0f}) |")


if __name__ == "__main__":
    main()
