"""Coordination gaps and matchmaking on the synthetic datasets, timed through the API.

    .venv/bin/python bench/findings_speed.py [--actors 100000] [--seed 1] [--bolt-port 7703]
        [--repeats 3]

The bench database of that size on its own local server (built with `bench/admin_import.py`
when it does not hold the dataset), Articula served by uvicorn (one worker, result cache
off: every request computes), then for each request its first answer (cold: matchmaking
reads every profile) and the median of `--repeats` more (warm: matchmaking's profiles are
kept per graph version). Requests: the gaps of the whole database and of one country, and
matchmaking for the first initiative of that country, the first programme and the firm of
that country with the most suppliers; an error answer is shown by its code. Prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import time
from contextlib import ExitStack
from typing import Any

import neo4j
from admin_import import build
from analytics_speed import post, say, serve_articula

from service.local_neo4j import LocalNeo4j
from service.settings import Settings

GAPS = "query($scope: ScopeInput) { coordinationGaps(scope: $scope) { kind severity } }"
MATCHES = """query($id: ID!) { matchmaking(id: $id, k: 10) {
    matches { suggestion { id } score } emptyReason } }"""
SUBJECTS = """
    MATCH (i:Initiative)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(:Territory {code: $country})
    WITH i ORDER BY i.id LIMIT 1
    MATCH (a:Firm)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(:Territory {code: $country})
    WITH i, a, COUNT { (:Firm)-[:SUPPLIES]->(a) } AS suppliers
    ORDER BY suppliers DESC, a.id LIMIT 1
    MATCH (p:Program) WITH i, a, p ORDER BY p.id LIMIT 1
    RETURN i.id AS initiative, p.id AS program, a.id AS anchor"""


def timed(url: str, query: str, variables: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    """The request's wall time and its data, or {"refused": code} for an error answer."""
    began = time.perf_counter()
    try:
        data = post(url, query, variables)
    except RuntimeError as error:  # post() raises on an answer with errors
        data = {"refused": str(error).split("'code': '")[-1].split("'")[0]}
    return time.perf_counter() - began, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bolt-port", type=int, default=7703)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--country", default="CO")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    settings = Settings(**{"ARTICULA_BOLT_PORT": args.bolt_port,
                           "ARTICULA_NEO4J_HEAP": args.heap})
    server = LocalNeo4j(settings, say=say)
    was_running = server.pid() is not None
    logs = settings.home / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        build(server, args.actors, args.seed)
        if not was_running:
            stack.callback(server.stop)
        auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
        driver = stack.enter_context(neo4j.GraphDatabase.driver(
            server.uri, auth=auth, notifications_min_severity="OFF"))
        subjects = driver.execute_query(SUBJECTS, country=args.country)[0][0]
        url, _ = serve_articula(stack, settings, logs)
        requests: list[tuple[str, str, dict[str, Any]]] = [
            ("coordinationGaps, whole database", GAPS, {}),
            (f"coordinationGaps, {args.country}", GAPS,
             {"scope": {"countries": [args.country]}}),
            *[(f"matchmaking, {kind} {subjects[kind]}", MATCHES, {"id": subjects[kind]})
              for kind in ("initiative", "program", "anchor")],
        ]
        rows = []
        for name, query, variables in requests:
            cold, data = timed(url, query, variables)
            warm = [timed(url, query, variables)[0] for _ in range(args.repeats)]
            root = next(iter(data.values()))
            answer = (f"refused: {root}" if "refused" in data else
                      f"{len(root)} findings" if isinstance(root, list) else
                      f"{len(root['matches'])} matches" if root["matches"] else
                      f"none: {root['emptyReason']}")
            rows.append(f"| {name} | {cold:.2f} | {statistics.median(warm):.2f} | {answer} |")
            say(rows[-1])
    print(f"\n{args.actors:,} actors, seed {args.seed}\n")
    print("| request | first s | then, median s | answer |")
    print("| --- | ---: | ---: | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
