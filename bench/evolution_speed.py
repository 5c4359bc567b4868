"""`evolution` on the synthetic datasets, timed through the API.

    .venv/bin/python bench/evolution_speed.py [--actors 100000] [--seed 1] [--bolt-port 7703]
        [--from 2000] [--to 2024]

The bench database of that size on its own local server (built with `bench/admin_import.py`
when it does not hold the dataset), Articula served by uvicorn (one worker), then each
request's first answer (cold: every year's Louvain runs) and a second one (warm: the
Louvain results come from the cache, the snapshots are read again). An error answer is
shown by its code. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack
from typing import Any

from admin_import import build
from analytics_speed import say, serve_articula
from findings_speed import timed

from service.local_neo4j import LocalNeo4j
from service.settings import Settings

EVOLUTION = """query($projection: Projection!, $scope: ScopeInput, $from: Int, $to: Int) {
  evolution(projection: $projection, scope: $scope, from: $from, to: $to) {
    years { year nodes edges modularity } } }"""
REQUESTS: list[tuple[str, dict[str, Any]]] = [  # regions with firms in the seed-1 datasets
    ("INITIATIVES", {}),
    ("FULL", {"territories": ["CO-CAS"]}),
    ("ACTORS", {"territories": ["CO-DC"]}),
    ("SUPPLY", {"countries": ["CO"]}),
    ("FULL", {"countries": ["CO"]}),
    ("FULL", {"countries": ["UY"]}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bolt-port", type=int, default=7703)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--from", dest="first", type=int, default=2000)
    parser.add_argument("--to", dest="last", type=int, default=2024)
    args = parser.parse_args()
    settings = Settings(**{"ARTICULA_BOLT_PORT": args.bolt_port,
                           "ARTICULA_NEO4J_HEAP": args.heap})
    server = LocalNeo4j(settings, say=say)
    was_running = server.pid() is not None
    logs = settings.home / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    rows = []
    with ExitStack() as stack:
        build(server, args.actors, args.seed)
        if not was_running:
            stack.callback(server.stop)
        url, _ = serve_articula(stack, settings, logs)
        for projection, scope in REQUESTS:
            variables = {"projection": projection, "scope": scope, "from": args.first,
                         "to": args.last}
            cold, data = timed(url, EVOLUTION, variables)
            warm, _ = timed(url, EVOLUTION, variables)
            if "refused" in data:
                answer = f"refused: {data['refused']}"
            else:
                years = data["evolution"]["years"]
                top = max(years, key=lambda y: y["nodes"])
                answer = (f"{len(years)} years; largest {top['year']}: {top['nodes']:,} nodes, "
                          f"{top['edges']:,} edges")
            rows.append(f"| {projection} {scope or 'whole'} | {cold:.1f} | {warm:.1f} | "
                        f"{answer} |")
            say(rows[-1])
    print(f"\n{args.actors:,} actors, seed {args.seed}, {args.first}-{args.last}\n")
    print("| request | first s | again s | answer |")
    print("| --- | ---: | ---: | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
