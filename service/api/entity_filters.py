"""Filters and orders of the entity lists, and their translation into statement parameters.

Every filter field left out restricts nothing; fields AND together, values within a field OR.
Territory and sector codes stand for their subtrees ("CO-ANT" includes Medellín, ISIC "C"
includes "10", "107" and "1071"); an unknown code is the caller's error, named in it.
"""

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import strawberry

from service.api.context import Info
from service.api.enums import (
    ActorKind,
    FirmSize,
    GovernmentLevel,
    InitiativeStatus,
    InitiativeType,
    InstitutionKind,
    SectorLevel,
    TerritoryLevel,
)
from service.api.list_plans import Below
from service.api.pagination import OrderDirection
from service.errors import BadUserInput
from service.messages import msg

COUNTRIES = "ISO 3166-1 alpha-2 country codes (e.g. CO); each includes everything below it."
TERRITORIES = "Territory codes (e.g. CO-ANT); each includes the territories below it."
SECTORS = "ISIC Rev.4 codes (e.g. C, 10, 107, 1071); each includes the codes below it."
MAX_SEARCH_CHARS = 200
"""The longest search text: names are shorter, and the full-text index (Lucene) refuses
queries of more than 1,024 words."""
SEARCH = ("Words that must all occur in the name, ignoring case and accents; at most "
          f"{MAX_SEARCH_CHARS} characters.")


@strawberry.input(description="Which initiatives to list.")
class InitiativeFilter:
    types: list[InitiativeType] | None = None
    statuses: list[InitiativeStatus] | None = None
    countries: list[str] | None = strawberry.field(default=None, description=COUNTRIES)
    territories: list[str] | None = strawberry.field(default=None, description=TERRITORIES)
    sectors: list[str] | None = strawberry.field(default=None, description=SECTORS)
    year: int | None = strawberry.field(
        default=None, description="Active in this year: started by it and not ended before it."
    )
    search: str | None = strawberry.field(default=None, description=SEARCH)


@strawberry.input(description="Which firms to list.")
class FirmFilter:
    sizes: list[FirmSize] | None = None
    countries: list[str] | None = strawberry.field(default=None, description=COUNTRIES)
    territories: list[str] | None = strawberry.field(default=None, description=TERRITORIES)
    sectors: list[str] | None = strawberry.field(default=None, description=SECTORS)
    year: int | None = strawberry.field(
        default=None, description="Existing in this year: founded in it or before."
    )
    search: str | None = strawberry.field(default=None, description=SEARCH)


@strawberry.input(description="Which institutions to list.")
class InstitutionFilter:
    kinds: list[InstitutionKind] | None = None
    levels: list[GovernmentLevel] | None = None
    countries: list[str] | None = strawberry.field(default=None, description=COUNTRIES)
    territories: list[str] | None = strawberry.field(default=None, description=TERRITORIES)
    search: str | None = strawberry.field(default=None, description=SEARCH)


@strawberry.input(description="Which actors (firms and institutions) to list.")
class ActorFilter:
    kinds: list[ActorKind] | None = None
    countries: list[str] | None = strawberry.field(default=None, description=COUNTRIES)
    territories: list[str] | None = strawberry.field(default=None, description=TERRITORIES)
    sectors: list[str] | None = strawberry.field(
        default=None, description=SECTORS + " Institutions have no sector."
    )
    year: int | None = strawberry.field(
        default=None, description="Existing in this year: firms founded in it or before."
    )
    search: str | None = strawberry.field(default=None, description=SEARCH)


@strawberry.input(description="Which programmes to list.")
class ProgramFilter:
    currencies: list[str] | None = strawberry.field(
        default=None, description="ISO 4217 currency codes of the budget."
    )
    year: int | None = strawberry.field(
        default=None, description="Running in this year: started by it and not ended before it."
    )
    search: str | None = strawberry.field(default=None, description=SEARCH)


@strawberry.input(description="Which territories to list.")
class TerritoryFilter:
    levels: list[TerritoryLevel] | None = None
    within: list[str] | None = strawberry.field(
        default=None, description="Territory codes whose subtrees (themselves included) to keep."
    )
    search: str | None = strawberry.field(default=None, description=SEARCH)


@strawberry.input(description="Which sectors to list.")
class SectorFilter:
    levels: list[SectorLevel] | None = None
    within: list[str] | None = strawberry.field(
        default=None, description="ISIC codes whose subtrees (themselves included) to keep."
    )
    search: str | None = strawberry.field(default=None, description=SEARCH)


@strawberry.enum(description="What initiatives can be ordered by.")
class InitiativeOrderField(Enum):
    NAME = "NAME"
    ID = "ID"
    START_YEAR = "START_YEAR"
    END_YEAR = "END_YEAR"
    PARTICIPANT_COUNT = strawberry.enum_value(
        "PARTICIPANT_COUNT", description="How many actors participate in it."
    )


@strawberry.enum(description="What actors can be ordered by.")
class ActorOrderField(Enum):
    NAME = "NAME"
    ID = "ID"
    INITIATIVE_COUNT = strawberry.enum_value(
        "INITIATIVE_COUNT", description="How many initiatives it participates in."
    )
    FOUNDED_YEAR = "FOUNDED_YEAR"
    EMPLOYEES = "EMPLOYEES"


@strawberry.enum(description="What programmes can be ordered by.")
class ProgramOrderField(Enum):
    NAME = "NAME"
    ID = "ID"
    START_YEAR = "START_YEAR"
    END_YEAR = "END_YEAR"
    BUDGET = "BUDGET"


ORDER = "Missing values come last when ascending, first when descending; ties go by id."


@strawberry.input(description="Order of an initiative list. " + ORDER)
class InitiativeOrder:
    field: InitiativeOrderField = InitiativeOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Order of an actor list. " + ORDER)
class ActorOrder:
    field: ActorOrderField = ActorOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Order of a programme list. " + ORDER)
class ProgramOrder:
    field: ProgramOrderField = ProgramOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC


_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_query(text: str) -> str | None:
    """A Lucene query matching names that hold every word of `text`; None when it has none.

    User text is data, not query syntax: special characters are escaped, and lower-casing
    keeps words like AND or NOT from being read as operators (the index folds case anyway).
    """
    words = [_LUCENE_SPECIAL.sub(r"\\\1", word) for word in text.lower().split()]
    return " AND ".join(words) if words else None


def _values(items: list[Any] | None) -> list[str] | None:
    return None if items is None else [getattr(item, "value", item) for item in items]


def _order(order: InitiativeOrder | ActorOrder | ProgramOrder) -> dict[str, Any]:
    return {"orderBy": order.field.value, "descending": order.direction is OrderDirection.DESC}


async def _search(info: Info, label: str, text: str | None) -> list[str] | None:
    """Keys of the `label` nodes whose names match `text`; None when there is nothing to search."""
    if text is not None and len(text) > MAX_SEARCH_CHARS:
        raise BadUserInput(
            msg("error.filter.search_length", length=len(text), limit=MAX_SEARCH_CHARS),
            field="search", limit=MAX_SEARCH_CHARS,
        )
    query = None if text is None else lucene_query(text)
    if query is None:
        return None
    rows = await info.context.db.read("entities/search", query=query, label=label)
    return list(rows[0]["keys"])


@dataclass(frozen=True)
class Listing:
    """A list's statement parameters, and what lies below its filter's codes (which plan
    reads it: service/api/list_plans.py)."""

    parameters: dict[str, Any]
    below: Below = field(default_factory=Below)


async def check_codes(info: Info, countries: list[str] | None = None,
                      territories: list[str] | None = None,
                      sectors: list[str] | None = None) -> Below:
    """BadUserInput naming every code the database does not know (countries must be countries);
    else how many relationships end below the codes (Below).

    One round trip, and none when no code is given; scopes can check theirs the same way.
    """
    if not (countries or territories or sectors):
        return Below()
    rows = await info.context.db.read(
        "entities/filter_codes", countries=countries, territories=territories, sectors=sectors,
    )
    unknown = rows[0]
    problems = [
        msg(key, codes=[repr(code) for code in unknown[column]],
            count=len(unknown[column]))
        for column, key in (("countries", "error.filter.unknown_countries"),
                            ("territories", "error.filter.unknown_territories"),
                            ("sectors", "error.filter.unknown_sectors"))
        if unknown[column]
    ]
    if problems:
        raise BadUserInput(
            msg("error.filter.unknown", problems=problems),
            unknownCountries=unknown["countries"], unknownTerritories=unknown["territories"],
            unknownSectors=unknown["sectors"],
        )
    return Below(int(unknown["located"]) if countries or territories else None,
                 int(unknown["inSector"]) if sectors else None)


async def initiative_parameters(info: Info, where: InitiativeFilter | None,
                                order: InitiativeOrder | None) -> Listing:
    where = where or InitiativeFilter()
    below = await check_codes(info, where.countries, where.territories, where.sectors)
    return Listing({
        "keys": await _search(info, "Initiative", where.search),
        "types": _values(where.types), "statuses": _values(where.statuses),
        "countries": where.countries, "territories": where.territories, "located": None,
        "sectors": where.sectors, "year": where.year, **_order(order or InitiativeOrder()),
    }, below)


async def firm_parameters(info: Info, where: FirmFilter | None,
                          order: ActorOrder | None) -> Listing:
    where = where or FirmFilter()
    below = await check_codes(info, where.countries, where.territories, where.sectors)
    return Listing({
        "keys": await _search(info, "Firm", where.search), "sizes": _values(where.sizes),
        "countries": where.countries, "territories": where.territories,
        "sectors": where.sectors, "year": where.year, **_order(order or ActorOrder()),
    }, below)


async def institution_parameters(info: Info, where: InstitutionFilter | None,
                                 order: ActorOrder | None) -> Listing:
    where = where or InstitutionFilter()
    below = await check_codes(info, where.countries, where.territories)
    return Listing({
        "keys": await _search(info, "Institution", where.search), "kinds": _values(where.kinds),
        "levels": _values(where.levels), "countries": where.countries,
        "territories": where.territories, **_order(order or ActorOrder()),
    }, below)


async def actor_parameters(info: Info, where: ActorFilter | None,
                           order: ActorOrder | None) -> Listing:
    where = where or ActorFilter()
    below = await check_codes(info, where.countries, where.territories, where.sectors)
    return Listing({
        "keys": await _search(info, "Actor", where.search), "kinds": _values(where.kinds),
        "countries": where.countries, "territories": where.territories,
        "sectors": where.sectors, "year": where.year, **_order(order or ActorOrder()),
    }, below)


async def program_parameters(info: Info, where: ProgramFilter | None,
                             order: ProgramOrder | None) -> Listing:
    where = where or ProgramFilter()
    return Listing({
        "keys": await _search(info, "Program", where.search), "currencies": where.currencies,
        "year": where.year, **_order(order or ProgramOrder()),
    })


async def territory_parameters(info: Info, where: TerritoryFilter | None) -> Listing:
    where = where or TerritoryFilter()
    await check_codes(info, territories=where.within)
    return Listing({"keys": await _search(info, "Territory", where.search),
                    "levels": _values(where.levels), "within": where.within})


async def sector_parameters(info: Info, where: SectorFilter | None) -> Listing:
    where = where or SectorFilter()
    await check_codes(info, sectors=where.within)
    return Listing({"keys": await _search(info, "Sector", where.search),
                    "levels": _values(where.levels), "within": where.within})
