"""Scope-by-sector statements on the database of the settings, timed as Cypher.

    .venv/bin/python bench/sector_scope.py [--repeats 7] [--sectors C] [--sectors 29]

Runs, for each `--sectors` code, the statements that read the sector tree through the scope
fragment or the list filters (each after one warm-up run), and prints a Markdown table of
the median wall time, the database hits of one PROFILE run (which a busy machine does not
change) and the rows returned. The statements come from the `cypher/` folder of
the `service` package on the path: run it with `PYTHONPATH=<another checkout>` to time that
checkout's statements on the same database (before/after a change of the sector walks).
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import neo4j

from service.cypher_catalog import cypher
from service.settings import Settings

SCOPE = {"countries": None, "territories": None, "initiativeTypes": None, "sectors": None,
         "actorKinds": None, "year": None}
STATEMENTS: dict[str, dict[str, Any]] = {
    "gaps/firm_divisions": {},  # the scope fragment, then each firm's ISIC division
    "entities/firms_count": {"start": "SECTORS", "keys": None, "sizes": None},
}


def db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", []))


def profiled(driver: neo4j.Driver, database: str, statement: str,
             parameters: dict[str, Any]) -> int:
    summary = driver.execute_query("PROFILE " + cypher(statement), parameters,
                                   database_=database).summary
    return db_hits(summary.profile or {})


def timed(driver: neo4j.Driver, database: str, statement: str, parameters: dict[str, Any],
          repeats: int) -> tuple[float, int]:
    def once() -> tuple[float, int]:
        began = time.perf_counter()
        records, _, _ = driver.execute_query(cypher(statement), parameters, database_=database,
                                             routing_=neo4j.RoutingControl.READ)
        return time.perf_counter() - began, len(records)

    once()
    runs = [once() for _ in range(repeats)]
    return statistics.median(t for t, _ in runs), runs[0][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--sectors", action="append", default=None)
    args = parser.parse_args()
    settings = Settings()
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    print("| statement | sectors | median s | db hits | rows |\n| --- | --- | ---: | ---: | ---: |")
    with neo4j.GraphDatabase.driver(settings.bolt_uri, auth=auth) as driver:
        for code in args.sectors or ["C", "29"]:
            for statement, extra in STATEMENTS.items():
                parameters = {**SCOPE, **extra, "sectors": [code]}
                seconds, rows = timed(driver, settings.neo4j_database, statement, parameters,
                                      args.repeats)
                hits = profiled(driver, settings.neo4j_database, statement, parameters)
                print(f"| {statement} | {code} | {seconds:.3f} | {hits:,} | {rows} |")


if __name__ == "__main__":
    main()
