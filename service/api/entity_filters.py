"""Filters and orders of the entity lists, and their translation into statement parameters.

Every filter field left out restricts nothing; fields AND together, values within a field OR.
Territory and sector codes stand for their subtrees ("CO-ANT" includes Medellín, ISIC "C"
includes "10", "107" and "1071"); an unknown code is the caller's error, named in it.
"""

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
from service.api.name_search import lucene_query, ranked
from service.api.pagination import OrderDirection
from service.errors import BadUserInput
from service.messages import msg

COUNTRIES = "ISO 3166-1 alpha-2 country codes (e.g. CO); each includes everything below it."
TERRITORIES = "Territory codes (e.g. CO-ANT); each includes the territories below it."
SECTORS = ("Sector codes, ISIC Rev.4 (e.g. C, 10, 107, 1071) or national (SCIAN:336390, "
           "CIIU-CO:29); each includes the codes below it and the national codes that "
           "correspond to it.")
MAX_SEARCH_CHARS = 200
"""The longest search text: names are shorter, and the full-text index (Lucene) refuses
queries of more than 1,024 words."""
SEARCH = ("Words that must each begin a word of the name, ignoring case and accents "
          "(\"cafe\" finds \"Café\" and \"Cafeteros\"); at most "
          f"{MAX_SEARCH_CHARS} characters. Text without a word restricts nothing. With a "
          "search, lists come best match first unless `orderBy` says otherwise: names where "
          "more typed words are whole words, then whose first matched word comes sooner, then "
          "shorter names, then by name.")


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


@strawberry.input(description="Which territories to list. Without `levels`, `within` or "
                             "`search`, the reference municipalities are left out.")
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
        default=None, description="Sector codes whose subtrees (themselves included, by PART_OF "
        "only) to keep."
    )
    search: str | None = strawberry.field(default=None, description=SEARCH)


RELEVANCE = ("Best match of the filter's `search` first (the order `search` describes; "
             "DESC reverses it); by name when there is no search.")


@strawberry.enum(description="What initiatives can be ordered by.")
class InitiativeOrderField(Enum):
    NAME = "NAME"
    ID = "ID"
    START_YEAR = "START_YEAR"
    END_YEAR = "END_YEAR"
    PARTICIPANT_COUNT = strawberry.enum_value(
        "PARTICIPANT_COUNT", description="How many actors participate in it."
    )
    RELEVANCE = strawberry.enum_value("RELEVANCE", description=RELEVANCE)


@strawberry.enum(description="What actors can be ordered by.")
class ActorOrderField(Enum):
    NAME = "NAME"
    ID = "ID"
    INITIATIVE_COUNT = strawberry.enum_value(
        "INITIATIVE_COUNT", description="How many initiatives it participates in."
    )
    FOUNDED_YEAR = "FOUNDED_YEAR"
    EMPLOYEES = "EMPLOYEES"
    RELEVANCE = strawberry.enum_value("RELEVANCE", description=RELEVANCE)


@strawberry.enum(description="What programmes can be ordered by.")
class ProgramOrderField(Enum):
    NAME = "NAME"
    ID = "ID"
    START_YEAR = "START_YEAR"
    END_YEAR = "END_YEAR"
    BUDGET = "BUDGET"
    RELEVANCE = strawberry.enum_value("RELEVANCE", description=RELEVANCE)


ORDER = ("Missing values come last when ascending, first when descending; ties go by id. "
         "Without an order, a list with a `search` comes best match first, any other by name.")


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


def _values(items: list[Any] | None) -> list[str] | None:
    return None if items is None else [getattr(item, "value", item) for item in items]


@dataclass(frozen=True)
class Hits:
    """The keys of the nodes a search found, best match first."""

    keys: list[str]

    def rank(self) -> dict[str, int]:
        """Each key's place, for the statements' RELEVANCE order."""
        return {key: place for place, key in enumerate(self.keys)}


def _order(order: InitiativeOrder | ActorOrder | ProgramOrder | None,
           hits: Hits | None) -> dict[str, Any]:
    """The statement's order parameters: RELEVANCE (with `rank`) for a search without an
    order, NAME for RELEVANCE without a search."""
    field = ("RELEVANCE" if hits is not None else "NAME") if order is None else order.field.value
    if field == "RELEVANCE" and hits is None:
        field = "NAME"
    return {"orderBy": field,
            "descending": order is not None and order.direction is OrderDirection.DESC,
            "rank": hits.rank() if field == "RELEVANCE" and hits is not None else None}


async def _search(info: Info, label: str, text: str | None) -> Hits | None:
    """The `label` nodes whose names match `text`, best first; None when there is nothing to
    search."""
    if text is not None and len(text) > MAX_SEARCH_CHARS:
        raise BadUserInput(
            msg("error.filter.search_length", length=len(text), limit=MAX_SEARCH_CHARS),
            field="search", limit=MAX_SEARCH_CHARS,
        )
    query = None if text is None else lucene_query(text)
    if text is None or query is None:
        return None
    rows = await info.context.db.read("entities/search", query=query, label=label)
    return Hits(ranked(text, zip(rows[0]["keys"], rows[0]["names"], strict=True)))


def _keys(hits: Hits | None) -> list[str] | None:
    return None if hits is None else hits.keys


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
    hits = await _search(info, "Initiative", where.search)
    return Listing({
        "keys": _keys(hits),
        "types": _values(where.types), "statuses": _values(where.statuses),
        "countries": where.countries, "territories": where.territories, "located": None,
        "sectors": where.sectors, "year": where.year, **_order(order, hits),
    }, below)


async def firm_parameters(info: Info, where: FirmFilter | None,
                          order: ActorOrder | None) -> Listing:
    where = where or FirmFilter()
    below = await check_codes(info, where.countries, where.territories, where.sectors)
    hits = await _search(info, "Firm", where.search)
    return Listing({
        "keys": _keys(hits), "sizes": _values(where.sizes),
        "countries": where.countries, "territories": where.territories,
        "sectors": where.sectors, "year": where.year, **_order(order, hits),
    }, below)


async def institution_parameters(info: Info, where: InstitutionFilter | None,
                                 order: ActorOrder | None) -> Listing:
    where = where or InstitutionFilter()
    below = await check_codes(info, where.countries, where.territories)
    hits = await _search(info, "Institution", where.search)
    return Listing({
        "keys": _keys(hits), "kinds": _values(where.kinds),
        "levels": _values(where.levels), "countries": where.countries,
        "territories": where.territories, **_order(order, hits),
    }, below)


async def actor_parameters(info: Info, where: ActorFilter | None,
                           order: ActorOrder | None) -> Listing:
    where = where or ActorFilter()
    below = await check_codes(info, where.countries, where.territories, where.sectors)
    hits = await _search(info, "Actor", where.search)
    return Listing({
        "keys": _keys(hits), "kinds": _values(where.kinds),
        "countries": where.countries, "territories": where.territories,
        "sectors": where.sectors, "year": where.year, **_order(order, hits),
    }, below)


async def program_parameters(info: Info, where: ProgramFilter | None,
                             order: ProgramOrder | None) -> Listing:
    where = where or ProgramFilter()
    hits = await _search(info, "Program", where.search)
    return Listing({
        "keys": _keys(hits), "currencies": where.currencies,
        "year": where.year, **_order(order, hits),
    })


async def territory_parameters(info: Info, where: TerritoryFilter | None) -> Listing:
    where = where or TerritoryFilter()
    await check_codes(info, territories=where.within)
    hits = await _search(info, "Territory", where.search)
    # The thousands of reference municipalities are listed when asked for, not by default.
    asked = where.levels is not None or where.within is not None or hits is not None
    return Listing({"keys": _keys(hits), "rank": None if hits is None else hits.rank(),
                    "levels": _values(where.levels), "within": where.within,
                    "municipalities": asked})


async def sector_parameters(info: Info, where: SectorFilter | None) -> Listing:
    where = where or SectorFilter()
    await check_codes(info, sectors=where.within)
    hits = await _search(info, "Sector", where.search)
    return Listing({"keys": _keys(hits), "rank": None if hits is None else hits.rank(),
                    "levels": _values(where.levels), "within": where.within})
