"""The mutations' input types: the dataset format's tables, one field per column.

Enumerations, codes and currencies are strings, checked by the loader's validation (which
also takes Spanish and Portuguese labels), so a bad value gets the same message as in a
dataset file. Each input serves both create (where the fields the dataset requires must be
given) and update (where a field left out or null keeps its stored value).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry

REQUIRED = "Required when creating."
YEAR = "A year between 1800 and 2100."
SINCE = "First year of the relationship."
UNTIL = "Last year of the relationship."
SOURCE = "Where the relationship is known from."
CONFIDENCE = "How sure the source is, from 0 to 1."
TERRITORY = ("A territory code: ISO 3166 (CO, CO-ANT), a municipality (CO:41551) or one added "
             "in a dataset.")
SECTORS = ("ISIC Rev.4 codes (C, 10, 107, 1071); in an update they replace the stored ones.")


def cells(value: Any) -> dict[str, Any]:
    """An input's fields as dataset cells: column name -> value (None when not given)."""
    return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}


@strawberry.input(description="An initiative, as a row of the `initiatives` table.")
class InitiativeInput:
    id: strawberry.ID = strawberry.field(description="Unique across all entities.")
    name: str | None = strawberry.field(default=None, description=REQUIRED)
    type: str | None = strawberry.field(
        default=None, description="CLUSTER, VALUE_CHAIN, LOCAL_PRODUCTIVE, BUSINESS_NETWORK or "
        "SUPPLIER_DEVELOPMENT (or its Spanish or Portuguese label). " + REQUIRED)
    status: str | None = strawberry.field(
        default=None, description="PLANNED, ACTIVE, SUSPENDED or CONCLUDED.")
    start_year: int | None = strawberry.field(default=None, description=YEAR)
    end_year: int | None = strawberry.field(default=None, description=YEAR)
    territory_codes: list[str] | None = strawberry.field(
        default=None, description="Where it works (" + TERRITORY + "); in an update they "
        "replace the stored ones. " + REQUIRED)
    sector_codes: list[str] | None = strawberry.field(default=None, description=SECTORS)
    description: str | None = None
    website: str | None = None
    contact: str | None = strawberry.field(
        default=None, description="A public contact: an e-mail address, or the web address of "
        "a contact form.")


@strawberry.input(description="A firm, as a row of the `firms` table.")
class FirmInput:
    id: strawberry.ID = strawberry.field(description="Unique across all entities.")
    name: str | None = strawberry.field(default=None, description=REQUIRED)
    size: str | None = strawberry.field(
        default=None,
        description="MICRO, SMALL, MEDIUM or LARGE (or its Spanish or Portuguese label).")
    territory_code: str | None = strawberry.field(
        default=None, description=TERRITORY + " " + REQUIRED)
    sector_codes: list[str] | None = strawberry.field(default=None, description=SECTORS)
    employees: int | None = None
    founded_year: int | None = strawberry.field(default=None, description=YEAR)
    tax_id: str | None = strawberry.field(
        default=None, description="Private: shown to EDITOR and ADMIN keys only.")


@strawberry.input(description="An institution, as a row of the `institutions` table.")
class InstitutionInput:
    id: strawberry.ID = strawberry.field(description="Unique across all entities.")
    name: str | None = strawberry.field(default=None, description=REQUIRED)
    kind: str | None = strawberry.field(
        default=None, description="GOVERNMENT, ACADEMIA, BUSINESS_ASSOCIATION, CIVIL_SOCIETY, "
        "DEVELOPMENT_AGENCY, FINANCIAL or INTERNATIONAL (or its Spanish or Portuguese label). "
        + REQUIRED)
    level: str | None = strawberry.field(
        default=None, description="SUPRANATIONAL, NATIONAL, SUBNATIONAL or LOCAL. " + REQUIRED)
    territory_code: str | None = strawberry.field(default=None, description=TERRITORY)


@strawberry.input(description="A support programme, as a row of the `programs` table.")
class ProgramInput:
    id: strawberry.ID = strawberry.field(description="Unique across all entities.")
    name: str | None = strawberry.field(default=None, description=REQUIRED)
    instrument: str | None = None
    institution_id: strawberry.ID | None = strawberry.field(
        default=None, description="The institution running it; in an update it replaces the "
        "stored one.")
    start_year: int | None = strawberry.field(default=None, description=YEAR)
    end_year: int | None = strawberry.field(default=None, description=YEAR)
    budget: float | None = None
    currency: str | None = strawberry.field(default=None, description="ISO 4217 code.")


@strawberry.input(description="An actor's participation in an initiative.")
class ParticipationInput:
    actor_id: strawberry.ID
    initiative_id: strawberry.ID
    role: str | None = strawberry.field(
        default=None, description="MEMBER, LEADER, ANCHOR, SUPPLIER, CLIENT or PARTNER. "
        + REQUIRED)
    since: int | None = strawberry.field(default=None, description=SINCE)
    until: int | None = strawberry.field(default=None, description=UNTIL)
    source: str | None = strawberry.field(default=None, description=SOURCE)
    confidence: float | None = strawberry.field(default=None, description=CONFIDENCE)


@strawberry.input(description="An institution's seat in an initiative's governance.")
class GovernanceInput:
    institution_id: strawberry.ID
    initiative_id: strawberry.ID
    role: str | None = strawberry.field(
        default=None, description="CHAIR, BOARD_MEMBER, TECHNICAL_SECRETARIAT, FUNDER or "
        "ADVISOR. " + REQUIRED)
    since: int | None = strawberry.field(default=None, description=SINCE)
    until: int | None = strawberry.field(default=None, description=UNTIL)
    source: str | None = strawberry.field(default=None, description=SOURCE)
    confidence: float | None = strawberry.field(default=None, description=CONFIDENCE)


@strawberry.input(description="A programme's support to an initiative.")
class SupportInput:
    program_id: strawberry.ID
    initiative_id: strawberry.ID
    amount: float | None = None
    currency: str | None = strawberry.field(default=None, description="ISO 4217 code.")
    since: int | None = strawberry.field(default=None, description=SINCE)
    until: int | None = strawberry.field(default=None, description=UNTIL)
    source: str | None = strawberry.field(default=None, description=SOURCE)
    confidence: float | None = strawberry.field(default=None, description=CONFIDENCE)


@strawberry.input(description="A supplier relation between two firms.")
class SupplyInput:
    supplier_id: strawberry.ID
    client_id: strawberry.ID
    weight: float | None = strawberry.field(
        default=None, description="Approximate share of the supplier's sales to the client.")
    since: int | None = strawberry.field(default=None, description=SINCE)
    until: int | None = strawberry.field(default=None, description=UNTIL)
    source: str | None = strawberry.field(default=None, description=SOURCE)
    confidence: float | None = strawberry.field(default=None, description=CONFIDENCE)


@strawberry.input(description="Joint action between two initiatives.")
class CollaborationInput:
    initiative_id: strawberry.ID
    partner_initiative_id: strawberry.ID
    kind: str | None = None
    since: int | None = strawberry.field(default=None, description=SINCE)
    until: int | None = strawberry.field(default=None, description=UNTIL)
    source: str | None = strawberry.field(default=None, description=SOURCE)
    confidence: float | None = strawberry.field(default=None, description=CONFIDENCE)


@strawberry.input(description="A formal agreement between two institutions.")
class AgreementInput:
    institution_id: strawberry.ID
    partner_institution_id: strawberry.ID
    kind: str | None = None
    since: int | None = strawberry.field(default=None, description=SINCE)
    until: int | None = strawberry.field(default=None, description=UNTIL)
    source: str | None = strawberry.field(default=None, description=SOURCE)
    confidence: float | None = strawberry.field(default=None, description=CONFIDENCE)


@strawberry.input(description="A participant of a new initiative: an existing actor (`actorId`) "
                              "or a new firm or institution; exactly one of the three.")
class ParticipantInput:
    actor_id: strawberry.ID | None = None
    firm: FirmInput | None = None
    institution: InstitutionInput | None = None
    role: str | None = strawberry.field(
        default=None, description="MEMBER, LEADER, ANCHOR, SUPPLIER, CLIENT or PARTNER.")
    since: int | None = strawberry.field(default=None, description=SINCE)
    until: int | None = strawberry.field(default=None, description=UNTIL)
    source: str | None = strawberry.field(default=None, description=SOURCE)
    confidence: float | None = strawberry.field(default=None, description=CONFIDENCE)


@strawberry.input(description="A seat in a new initiative's governance: an existing institution "
                              "(`institutionId`) or a new one; exactly one of the two.")
class GovernanceSeatInput:
    institution_id: strawberry.ID | None = None
    institution: InstitutionInput | None = None
    role: str | None = strawberry.field(
        default=None, description="CHAIR, BOARD_MEMBER, TECHNICAL_SECRETARIAT, FUNDER or ADVISOR.")
    since: int | None = strawberry.field(default=None, description=SINCE)
    until: int | None = strawberry.field(default=None, description=UNTIL)
    source: str | None = strawberry.field(default=None, description=SOURCE)
    confidence: float | None = strawberry.field(default=None, description=CONFIDENCE)


@strawberry.input(description="Support from an existing programme to a new initiative.")
class InitiativeSupportInput:
    program_id: strawberry.ID
    amount: float | None = None
    currency: str | None = strawberry.field(default=None, description="ISO 4217 code.")
    since: int | None = strawberry.field(default=None, description=SINCE)
    until: int | None = strawberry.field(default=None, description=UNTIL)
    source: str | None = strawberry.field(default=None, description=SOURCE)
    confidence: float | None = strawberry.field(default=None, description=CONFIDENCE)


@strawberry.input(description="A new initiative with its participants, governance and support, "
                              "written together or not at all.")
class RegisterInitiativeInput:
    initiative: InitiativeInput
    participants: list[ParticipantInput] = strawberry.field(default_factory=list)
    governance: list[GovernanceSeatInput] = strawberry.field(default_factory=list)
    support: list[InitiativeSupportInput] = strawberry.field(default_factory=list)


def register_input_from(data: dict[str, Any]) -> RegisterInitiativeInput:
    """A RegisterInitiativeInput from its fields as `dataclasses.asdict` gives them."""

    def institution(value: dict[str, Any] | None) -> InstitutionInput | None:
        return None if value is None else InstitutionInput(**value)

    return RegisterInitiativeInput(
        initiative=InitiativeInput(**data["initiative"]),
        participants=[ParticipantInput(**{
            **p, "firm": None if p.get("firm") is None else FirmInput(**p["firm"]),
            "institution": institution(p.get("institution"))}) for p in data["participants"]],
        governance=[GovernanceSeatInput(**{**g, "institution": institution(g.get("institution"))})
                    for g in data["governance"]],
        support=[InitiativeSupportInput(**s) for s in data["support"]],
    )
