"""The dataset format: every table, its columns, their types and what they refer to.

One format for all front doors (CSV folder, XLSX workbook, JSON object); see the README.
"""

from dataclasses import dataclass, field
from enum import Enum, StrEnum

from loaders.vocabulary import (
    FirmSize,
    GovernanceRole,
    InitiativeStatus,
    InitiativeType,
    InstitutionKind,
    InstitutionLevel,
    ParticipationRole,
    TerritoryLevel,
)


class Kind(Enum):
    TEXT = "text"
    CODE = "code"  # a territory or sector code being defined (upper-cased)
    ID = "id"
    YEAR = "year"
    COUNT = "count"  # a whole number >= 0
    AMOUNT = "amount"  # a number >= 0
    CONFIDENCE = "confidence"  # a number in [0, 1]
    CURRENCY = "currency"  # ISO 4217 code
    ENUM = "enum"
    TERRITORY = "territory"
    TERRITORIES = "territories"  # ';'-separated territory codes
    SECTOR = "sector"
    SECTORS = "sectors"  # ';'-separated ISIC codes
    WEBSITE = "website"  # an absolute http:// or https:// URL
    CONTACT = "contact"  # an e-mail address, or a web address as WEBSITE


class Entity(StrEnum):
    """What an id column may point at; Actor is either Firm or Institution."""

    INITIATIVE = "Initiative"
    FIRM = "Firm"
    INSTITUTION = "Institution"
    ACTOR = "Actor"
    PROGRAM = "Program"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    enum: type[StrEnum] | None = None
    refers_to: Entity | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    entity: Entity | None = None  # set for tables whose rows are nodes keyed by `id`
    ends: tuple[str, str] | None = None  # set for relationship tables: (from, to) columns
    extra: tuple[Column, ...] = field(default=())

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return self.columns + self.extra

    def column(self, name: str) -> Column:
        return next(c for c in self.all_columns if c.name == name)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.all_columns if c.required]


def _id(name: str, refers_to: Entity | None = None) -> Column:
    return Column(name, Kind.ID, required=True, refers_to=refers_to)


def _enum(name: str, enum: type[StrEnum], required: bool = True) -> Column:
    return Column(name, Kind.ENUM, required=required, enum=enum)


PERIOD = (Column("since", Kind.YEAR), Column("until", Kind.YEAR))
PROVENANCE = (Column("source"), Column("confidence", Kind.CONFIDENCE))

TABLES: tuple[Table, ...] = (
    Table("territories", (
        Column("code", Kind.CODE, required=True), Column("name", required=True),
        _enum("level", TerritoryLevel), Column("parent_code", Kind.TERRITORY, required=True),
    )),
    Table("sectors", (
        Column("code", Kind.CODE, required=True), Column("name", required=True),
        Column("parent_code", Kind.SECTOR, required=True),
    )),
    Table("initiatives", (
        _id("id"), Column("name", required=True), _enum("type", InitiativeType),
        _enum("status", InitiativeStatus, required=False),
        Column("start_year", Kind.YEAR), Column("end_year", Kind.YEAR),
        Column("territory_codes", Kind.TERRITORIES, required=True),
        Column("sector_codes", Kind.SECTORS), Column("description"),
        Column("website", Kind.WEBSITE), Column("contact", Kind.CONTACT),
    ), entity=Entity.INITIATIVE),
    Table("firms", (
        _id("id"), Column("name", required=True), _enum("size", FirmSize, required=False),
        Column("territory_code", Kind.TERRITORY, required=True),
        Column("sector_codes", Kind.SECTORS), Column("employees", Kind.COUNT),
        Column("founded_year", Kind.YEAR), Column("tax_id"),
    ), entity=Entity.FIRM),
    Table("institutions", (
        _id("id"), Column("name", required=True), _enum("kind", InstitutionKind),
        _enum("level", InstitutionLevel), Column("territory_code", Kind.TERRITORY),
    ), entity=Entity.INSTITUTION),
    Table("programs", (
        _id("id"), Column("name", required=True), Column("instrument"),
        Column("institution_id", Kind.ID, refers_to=Entity.INSTITUTION),
        Column("start_year", Kind.YEAR), Column("end_year", Kind.YEAR),
        Column("budget", Kind.AMOUNT), Column("currency", Kind.CURRENCY),
    ), entity=Entity.PROGRAM),
    Table("participations", (
        _id("actor_id", Entity.ACTOR), _id("initiative_id", Entity.INITIATIVE),
        _enum("role", ParticipationRole), *PERIOD,
    ), ends=("actor_id", "initiative_id"), extra=PROVENANCE),
    Table("governance", (
        _id("institution_id", Entity.INSTITUTION), _id("initiative_id", Entity.INITIATIVE),
        _enum("role", GovernanceRole), *PERIOD,
    ), ends=("institution_id", "initiative_id"), extra=PROVENANCE),
    Table("supports", (
        _id("program_id", Entity.PROGRAM), _id("initiative_id", Entity.INITIATIVE),
        Column("amount", Kind.AMOUNT), Column("currency", Kind.CURRENCY), *PERIOD,
    ), ends=("program_id", "initiative_id"), extra=PROVENANCE),
    Table("supplies", (
        _id("supplier_id", Entity.FIRM), _id("client_id", Entity.FIRM),
        Column("weight", Kind.AMOUNT), *PERIOD,
    ), ends=("supplier_id", "client_id"), extra=PROVENANCE),
    Table("collaborations", (
        _id("initiative_id", Entity.INITIATIVE), _id("partner_initiative_id", Entity.INITIATIVE),
        Column("kind"), *PERIOD,
    ), ends=("initiative_id", "partner_initiative_id"), extra=PROVENANCE),
    Table("agreements", (
        _id("institution_id", Entity.INSTITUTION),
        _id("partner_institution_id", Entity.INSTITUTION), Column("kind"), *PERIOD,
    ), ends=("institution_id", "partner_institution_id"), extra=PROVENANCE),
)

BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
ENTITY_TABLES = tuple(table for table in TABLES if table.entity is not None)
RELATIONSHIP_TABLES = tuple(table for table in TABLES if table.ends is not None)
