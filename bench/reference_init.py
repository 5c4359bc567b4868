"""`articula db init` with and without the 9,150 reference municipalities: the reference write
on an empty database and again (idempotent), and the one every load makes before it writes
(countries, subdivisions, sectors and the municipalities the dataset names).

    .venv/bin/python bench/reference_init.py [--repeat 5]

Runs against the database of the settings (ARTICULA_BOLT_PORT / NEO4J_URI) and EMPTIES IT.
Prints a Markdown table of median seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import neo4j

from loaders.reference_data import load_reference
from service.database import sync_driver
from service.settings import get_settings


def empty(driver: neo4j.Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                    ).consume()


def median(repeat: int, before: Callable[[], None], work: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = get_settings()
    database = settings.neo4j_database
    with sync_driver(settings) as driver:
        def without() -> None:
            load_reference(driver, database, named=())

        def every() -> None:
            load_reference(driver, database)

        def clear() -> None:
            empty(driver, database)

        print("| reference write | without municipalities | with all 9,150 |")
        print("| --- | ---: | ---: |")
        rows = {
            "on an empty database": (median(args.repeat, clear, without),
                                     median(args.repeat, clear, every)),
            "again (nothing changes)": (median(args.repeat, without, without),
                                        median(args.repeat, every, every)),
        }
        for name, (few, many) in rows.items():
            print(f"| {name} | {few:.2f} | {many:.2f} |")
        empty(driver, database)


if __name__ == "__main__":
    main()
