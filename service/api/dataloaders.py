"""Per-request DataLoaders: every relationship field is one batched `UNWIND` query per level.

Each loader maps keys (ids, or codes for territories and sectors) to the rows of one
`cypher/entities` statement, as plain dicts; the GraphQL types build themselves from them.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.dataloader import DataLoader

from service.database import Database

Row = dict[str, Any]


def _single(db: Database, statement: str, keys_parameter: str, key: str
            ) -> Callable[[list[str]], Awaitable[list[Row | None]]]:
    """Rows `{node: {...}}` keyed by `node[key]`; None for a key the database lacks."""

    async def load(keys: list[str]) -> list[Row | None]:
        rows = await db.read_maps(f"entities/{statement}", **{keys_parameter: keys})
        found = {row["node"][key]: row["node"] for row in rows}
        return [found.get(k) for k in keys]

    return load


def _grouped(db: Database, statement: str, keys_parameter: str, key: str, column: str
             ) -> Callable[[list[str]], Awaitable[list[list[Row]]]]:
    """Lists of rows keyed by the `key` column; an empty list for a key with none."""

    async def load(keys: list[str]) -> list[list[Row]]:
        rows = await db.read_maps(f"entities/{statement}", **{keys_parameter: keys})
        found = {row[key]: row[column] for row in rows}
        return [found.get(k, []) for k in keys]

    return load


class EntityLoaders:
    """The loaders of one request; never shared between requests (their caches would leak)."""

    def __init__(self, db: Database) -> None:
        def single(statement: str, parameter: str = "ids", key: str = "id"
                   ) -> DataLoader[str, Row | None]:
            return DataLoader(load_fn=_single(db, statement, parameter, key))

        def grouped(statement: str, column: str, parameter: str = "ids", key: str = "id"
                    ) -> DataLoader[str, list[Row]]:
            return DataLoader(load_fn=_grouped(db, statement, parameter, key, column))

        self.nodes = single("nodes_by_id")
        self.territories = single("territories_by_code", "codes", "code")
        self.sectors = single("sectors_by_code", "codes", "code")
        self.territory_children = grouped("territory_children", "territories", "codes", "code")
        self.sector_children = grouped("sector_children", "sectors", "codes", "code")
        self.sector_correspondences = grouped("sector_correspondences", "correspondences",
                                              "codes", "code")
        self.initiative_territories = grouped("initiative_territories", "territories")
        self.actor_territories = grouped("actor_territories", "territories")
        self.initiative_sectors = grouped("initiative_sectors", "sectors")
        self.actor_sectors = grouped("actor_sectors", "sectors")
        self.participants = grouped("participants", "links")
        self.actor_initiatives = grouped("actor_initiatives", "links")
        self.governance = grouped("governance", "links")
        self.institution_governs = grouped("institution_governs", "links")
        self.supports = grouped("supports", "links")
        self.program_supports = grouped("program_supports", "links")
        self.collaborations = grouped("collaborations", "links")
        self.agreements = grouped("agreements", "links")
        self.suppliers = grouped("suppliers", "links")
        self.clients = grouped("clients", "links")
        self.institution_programs = grouped("institution_programs", "nodes")
        self.program_runners = grouped("program_runners", "nodes")
        self.initiatives_with_participants: DataLoader[str, Row | None] = DataLoader(
            load_fn=self._initiatives_with_participants(db))

    def _initiatives_with_participants(
        self, db: Database
    ) -> Callable[[list[str]], Awaitable[list[Row | None]]]:
        """Initiatives as `nodes` gives them, their participants put in `participants`'
        cache on the way: one round trip where the two loaders take two."""

        async def load(keys: list[str]) -> list[Row | None]:
            rows = await db.read_maps("entities/initiatives_with_participants", ids=keys)
            found = {}
            for row in rows:
                node = row["node"]
                found[node["id"]] = node
                self.nodes.prime(node["id"], node)
                self.participants.prime(node["id"], row["links"])
            return [found.get(k) for k in keys]

        return load
