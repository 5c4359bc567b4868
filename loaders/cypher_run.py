"""Running catalogue statements from the loaders, in batches, inside managed transactions."""

from collections.abc import Iterator, Sequence
from typing import Any

import neo4j

from service.cypher_catalog import cypher


def run(tx: neo4j.ManagedTransaction, name: str, **parameters: Any) -> list[dict[str, Any]]:
    return tx.run(cypher(name), parameters).data()


def batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def in_transactions(driver: neo4j.Driver, database: str, name: str,
                    **parameters: Any) -> neo4j.SummaryCounters:
    """Run statement `name`, which commits its own batches (`CALL … IN TRANSACTIONS`) and so
    needs an auto-commit transaction; what it changed, counted."""
    with driver.session(database=database) as session:
        return session.run(cypher(name), parameters).consume().counters
