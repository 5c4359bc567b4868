"""What the Explorer's map colours territories by: per country or first-level subdivision,
the in-scope initiatives and actors located in it or below it and the governance of those
initiatives (how many no institution governs, how many GOVERNS ties they have)."""

from collections.abc import Collection
from dataclasses import dataclass

from loaders.vocabulary import TerritoryLevel
from service.database import Database
from service.scope import Scope


@dataclass(frozen=True)
class TerritoryMeasure:
    code: str
    name: str
    level: TerritoryLevel
    initiatives: int
    actors: int
    ungoverned: int
    governance_ties: int


async def territory_measures(db: Database, scope: Scope, levels: Collection[TerritoryLevel]
                             ) -> list[TerritoryMeasure]:
    """The measures of every territory of `levels` holding something in `scope`, by code."""
    rows = await db.read("network/territory_measures", **scope.parameters(),
                         levels=[str(level) for level in levels])
    return [TerritoryMeasure(r["code"], r["name"], TerritoryLevel(r["level"]), r["initiatives"],
                             r["actors"], r["ungoverned"], r["governanceTies"]) for r in rows]
