"""What the database (and the reference data, loaded or not) already defines."""

from typing import Any

import neo4j

from loaders.cypher_run import batches
from loaders.reference_data import sector_rows, territory_rows
from service.cypher_catalog import cypher

CHUNK = 50_000


def reference_names(rows: list[dict[str, Any]], prefixes: list[str]) -> dict[str, str]:
    """The codes of reference `rows` that start with one of `prefixes`, and their names."""
    starts = tuple(prefixes)
    return {row["code"]: str(row["props"]["name"]) for row in rows
            if starts and row["code"].startswith(starts)}


class DatabaseKnown:
    """Answers the validator's questions with a few bulk queries."""

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def entities(self, ids: list[str]) -> dict[str, frozenset[str]]:
        found: dict[str, frozenset[str]] = {}
        for chunk in batches(ids, CHUNK):
            records, _, _ = self.driver.execute_query(
                cypher("db/known_entities"), ids=list(chunk), database_=self.database,
                routing_=neo4j.RoutingControl.READ,
            )
            found.update({r["id"]: frozenset(r["labels"]) for r in records})
        return found

    def territories(self, codes: list[str]) -> set[str]:
        reference = {row["code"] for row in territory_rows()}
        return ({c for c in codes if c in reference}
                | self._codes("db/known_territories", [c for c in codes if c not in reference]))

    def sectors(self, codes: list[str]) -> set[str]:
        reference = {row["code"] for row in sector_rows()}
        return ({c for c in codes if c in reference}
                | self._codes("db/known_sectors", [c for c in codes if c not in reference]))

    def territory_names(self, prefixes: list[str]) -> dict[str, str]:
        return self._names("db/territories_like", territory_rows(), prefixes)

    def sector_names(self, prefixes: list[str]) -> dict[str, str]:
        return self._names("db/sectors_like", sector_rows(), prefixes)

    def _names(self, statement: str, reference: list[dict[str, Any]],
               prefixes: list[str]) -> dict[str, str]:
        """Codes starting with one of `prefixes` and their names: the reference data's,
        and what the database adds."""
        found = reference_names(reference, prefixes)
        if prefixes:
            records, _, _ = self.driver.execute_query(
                cypher(statement), prefixes=prefixes, database_=self.database,
                routing_=neo4j.RoutingControl.READ,
            )
            found.update((r["code"], r["name"] or "") for r in records)
        return found

    def _codes(self, statement: str, codes: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in batches(codes, CHUNK):
            records, _, _ = self.driver.execute_query(
                cypher(statement), codes=list(chunk), database_=self.database,
                routing_=neo4j.RoutingControl.READ,
            )
            found.update(r["code"] for r in records)
        return found
