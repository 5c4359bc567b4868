"""Run as a process: write a dataset, announce it, then wait to be killed before commit.

    python -m tests.loaders.interrupted_load DATASET   (Neo4j from NEO4J_* variables)
"""

import sys
import time
from pathlib import Path

from loaders.known import DatabaseKnown
from loaders.readers import read_dataset
from loaders.validation import validate
from loaders.writer import LoadSummary, write
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
        write(driver, settings.neo4j_database, dataset, "interrupted", progress=False,
              before_commit=announce_and_wait)


if __name__ == "__main__":
    main()
