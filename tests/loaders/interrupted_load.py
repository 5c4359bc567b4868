"""Run as a process: write a dataset, announce it, then wait before commit: to be killed,
or, with --resume, until a line comes on stdin, then commit.

    python -m tests.loaders.interrupted_load DATASET [SINGLE_TRANSACTION_ROWS] [--resume]

Neo4j comes from the NEO4J_* variables (the lease from ARTICULA_LOAD_LEASE); a second
argument of 0 forces a journaled load.
"""

import sys
import time
from pathlib import Path

from loaders.known import DatabaseKnown
from loaders.readers import read_dataset
from loaders.validation import validate
from loaders.writer import SINGLE_TRANSACTION_ROWS, LoadSummary, write
from service.database import sync_driver
from service.settings import Settings


def announce_and_wait(summary: LoadSummary) -> None:
    print(f"WRITTEN {summary.created}", flush=True)
    time.sleep(120)


def announce_and_wait_for_input(summary: LoadSummary) -> None:
    print(f"WRITTEN {summary.created}", flush=True)
    sys.stdin.readline()


def main() -> None:
    settings = Settings()
    arguments = [a for a in sys.argv[1:] if a != "--resume"]
    with sync_driver(settings) as driver:
        dataset = validate(read_dataset(Path(arguments[0])),
                           DatabaseKnown(driver, settings.neo4j_database))
        limit = int(arguments[1]) if len(arguments) > 1 else SINGLE_TRANSACTION_ROWS
        wait = announce_and_wait_for_input if "--resume" in sys.argv else announce_and_wait
        summary = write(driver, settings.neo4j_database, dataset, "interrupted",
                        progress=False, single_transaction_rows=limit, before_commit=wait)
        print(f"COMMITTED {summary.load_id}", flush=True)


if __name__ == "__main__":
    main()
