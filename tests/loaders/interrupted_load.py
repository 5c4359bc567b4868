"""Run as a process: write a dataset, announce it, then wait to be killed before commit.

    python -m tests.loaders.interrupted_load DATASET [SINGLE_TRANSACTION_ROWS]

Neo4j comes from the NEO4J_* variables; a second argument of 0 forces a journaled load.
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


def main() -> None:
    settings = Settings()
    with sync_driver(settings) as driver:
        dataset = validate(read_dataset(Path(sys.argv[1])),
                           DatabaseKnown(driver, settings.neo4j_database))
        limit = int(sys.argv[2]) if len(sys.argv) > 2 else SINGLE_TRANSACTION_ROWS
        write(driver, settings.neo4j_database, dataset, "interrupted", progress=False,
              single_transaction_rows=limit, before_commit=announce_and_wait)


if __name__ == "__main__":
    main()
