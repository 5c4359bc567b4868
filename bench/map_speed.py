"""The Explorer map's requests, timed through the API: `stats { territoryMeasures }` (what
every map draws) and the mean PageRank in the FULL network per country and per region
(`rollup`, asked only when that measure is chosen).

    .venv/bin/python bench/map_speed.py [--actors 100000] [--seed 1] [--bolt-port 7703]
    .venv/bin/python bench/map_speed.py --sample [--bolt-port 7703]

The synthetic dataset of that size on its own local server (`bench/admin_import.py`), or the
sample loaded by `db init` and `load` (`--sample`, replacing what the server holds); Articula
served by uvicorn (one worker); each request's first answer and a second one. An error
answer is shown by its code. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack
from pathlib import Path

import neo4j
from admin_import import build
from analytics_speed import say, serve_articula
from findings_speed import timed

from loaders.load import init, load, reset
from service.local_neo4j import LocalNeo4j
from service.settings import Settings

SAMPLE = Path(__file__).resolve().parents[1] / "loaders" / "sample"
MEASURES = """{ stats { territoryMeasures {
  code level initiatives actors ungoverned governanceTies } } }"""
RANK = """query ($level: TerritoryLevel!) { rollup(metric: PAGERANK, level: $level,
  projection: FULL) { territories { code mean } } }"""
REQUESTS = [
    ("territoryMeasures (COUNTRY, REGION)", MEASURES, {}),
    ("rollup PAGERANK FULL, COUNTRY", RANK, {"level": "COUNTRY"}),
    ("rollup PAGERANK FULL, REGION", RANK, {"level": "REGION"}),
]


def load_sample(settings: Settings, server: LocalNeo4j) -> None:
    server.start()
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with neo4j.GraphDatabase.driver(server.uri, auth=auth,
                                    notifications_min_severity="OFF") as driver:
        reset(driver, settings.neo4j_database)
        init(driver, settings.neo4j_database)
        load(SAMPLE, driver, settings.neo4j_database, progress=False)
    (server.directory / "imported-dataset").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", action="store_true")
    parser.add_argument("--bolt-port", type=int, default=7703)
    parser.add_argument("--heap", default="4g")
    args = parser.parse_args()
    settings = Settings(**{"ARTICULA_BOLT_PORT": args.bolt_port,
                           "ARTICULA_NEO4J_HEAP": args.heap})
    server = LocalNeo4j(settings, say=say)
    was_running = server.pid() is not None
    logs = settings.home / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    rows = []
    with ExitStack() as stack:
        if args.sample:
            load_sample(settings, server)
        else:
            build(server, args.actors, args.seed)
        if not was_running:
            stack.callback(server.stop)
        url, _ = serve_articula(stack, settings, logs)
        for name, query, variables in REQUESTS:
            first, data = timed(url, query, variables)
            again, _ = timed(url, query, variables)
            if "refused" in data:
                answer = f"refused: {data['refused']}"
            elif "stats" in data:
                found = data["stats"]["territoryMeasures"]
                answer = (f"{sum(m['level'] == 'COUNTRY' for m in found)} countries, "
                          f"{sum(m['level'] == 'REGION' for m in found)} regions")
            else:
                answer = f"{len(data['rollup']['territories'])} territories"
            rows.append(f"| {name} | {first:.2f} | {again:.2f} | {answer} |")
            say(rows[-1])
    print(f"\n{'the sample' if args.sample else f'{args.actors:,} actors, seed {args.seed}'}\n")
    print("| request | first s | again s | answer |")
    print("| --- | ---: | ---: | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
