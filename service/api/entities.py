"""The graph's entities as GraphQL types: initiatives, actors, programmes, territories, sectors.

Types are plain records built from one statement's rows; every relationship field goes
through the request's DataLoaders, so a nested query costs one round trip per level.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from service.access import Role
from service.api.context import Info
from service.api.entity_filters import initiative_parameters
from service.api.enums import (
    FirmSize,
    GovernanceRole,
    GovernmentLevel,
    InitiativeStatus,
    InitiativeType,
    InstitutionKind,
    ParticipationRole,
    SectorLevel,
    TerritoryLevel,
)
from service.api.pagination import Connection, connection

Row = dict[str, Any]

SINCE = "First year of the relationship."
UNTIL = "Last year of the relationship; null while it lasts."
SOURCE = "Where the relationship is known from (survey, programme record, agreement, ...)."
CONFIDENCE = "How sure the source is, from 0 to 1."


def _member(enum: Any, value: str) -> Any:
    """`enum(value)`, through the enum's own map of values first: the call costs microseconds,
    which add up over a few hundred rows."""
    member = enum._value2member_map_.get(value)
    return enum(value) if member is None else member


def _enum(enum: Any, value: str | None) -> Any:
    return None if value is None else _member(enum, value)


@strawberry.type(description="A territory: a country, a first-level region or a municipality.")
class Territory:
    code: str = strawberry.field(description="ISO 3166-1/3166-2 code, a municipality's "
                                "(CO:41551: country, colon, national code), or one a dataset "
                                "added.")
    name: str
    level: TerritoryLevel
    parent_code: strawberry.Private[str | None]

    @strawberry.field(description="The territory this one lies in; null for a country.")
    async def parent(self, info: Info) -> Territory | None:
        if self.parent_code is None:
            return None
        row = await info.context.loaders.territories.load(self.parent_code)
        return None if row is None else territory_from(row)

    @strawberry.field(description="The territories directly below this one, by code.")
    async def children(self, info: Info) -> list[Territory]:
        rows = await info.context.loaders.territory_children.load(self.code)
        return [territory_from(row) for row in rows]

    @strawberry.field(description="Initiatives located in this territory, by name.")
    async def initiatives(
        self,
        info: Info,
        include_subterritories: Annotated[bool, strawberry.argument(
            description="Also those located in territories below this one."
        )] = False,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Initiative]:
        parameters = (await initiative_parameters(info, None, None)).parameters
        if include_subterritories:
            parameters["territories"] = [self.code]
        else:
            parameters["located"] = self.code
        return await connection(info, "initiatives", parameters, first, after, initiative_from)


def territory_from(row: Row) -> Territory:
    return Territory(
        code=row["code"], name=row["name"], level=TerritoryLevel(row["level"]),
        parent_code=row.get("parentCode"),
    )


@strawberry.type(description="An economic sector: an ISIC Rev.4 section, division, group or "
                              "class, or a code of a national classification linked to ISIC.")
class Sector:
    code: str = strawberry.field(description="ISIC Rev.4 code (C, 10, 107, 1071), or a national "
                                             "code with its prefix (SCIAN:336390, CIIU-CO:0127).")
    name: str = strawberry.field(description="The name: in English for ISIC, in the national "
                                             "language for national codes.")
    name_es: str | None = strawberry.field(description="The Spanish name, where known.")
    level: SectorLevel | None
    classification: str | None = strawberry.field(
        description="The classification: ISIC Rev.4, SCIAN 2018, CIIU Rev.4 A.C.; null for a "
                    "code a dataset added.")
    parent_code: strawberry.Private[str | None]

    @strawberry.field(description="The code this one lies in; null for a section.")
    async def parent(self, info: Info) -> Sector | None:
        if self.parent_code is None:
            return None
        row = await info.context.loaders.sectors.load(self.parent_code)
        return None if row is None else sector_from(row)

    @strawberry.field(description="The codes directly below this one, by code.")
    async def children(self, info: Info) -> list[Sector]:
        rows = await info.context.loaders.sector_children.load(self.code)
        return [sector_from(row) for row in rows]

    @strawberry.field(description="For a national code: the ISIC Rev.4 codes it corresponds to "
                                  "in the published correspondence, by code; every analysis by "
                                  "sector reaches ISIC through them. Empty for ISIC codes.")
    async def correspondences(self, info: Info) -> list[SectorCorrespondence]:
        rows = await info.context.loaders.sector_correspondences.load(self.code)
        return [SectorCorrespondence(sector=sector_from(row["sector"]), partial=row["partial"])
                for row in rows]


@strawberry.type(description="A national sector code's link to an ISIC Rev.4 code.")
class SectorCorrespondence:
    sector: Sector = strawberry.field(description="The ISIC Rev.4 code.")
    partial: bool = strawberry.field(description="True when the national code corresponds to "
                                                 "several ISIC codes, this one among them.")


def sector_from(row: Row) -> Sector:
    return Sector(
        code=row["code"], name=row["name"], name_es=row.get("nameEs"),
        level=_enum(SectorLevel, row.get("level")), classification=row.get("classification"),
        parent_code=row.get("parentCode"),
    )


@strawberry.interface(description="Anything with a dataset id: initiative, firm, institution or "
                                  "programme.")
class Node:
    id: strawberry.ID
    name: str

    @staticmethod
    def resolve_type(obj: Any, info: Any, abstract_type: Any) -> str:
        """The concrete type's name, read off the object: much cheaper than strawberry's search."""
        return str(obj.__strawberry_definition__.name)


@strawberry.interface(description="A firm or an institution: who takes part in initiatives.")
class Actor(Node):
    resolve_type = Node.resolve_type
    @strawberry.field(description="Where the actor is located.")
    async def territory(self, info: Info) -> Territory | None:
        rows = await info.context.loaders.actor_territories.load(self.id)
        return territory_from(rows[0]) if rows else None

    @strawberry.field(description="The actor's sectors, by code (firms only).")
    async def sectors(self, info: Info) -> list[Sector]:
        rows = await info.context.loaders.actor_sectors.load(self.id)
        return [sector_from(row) for row in rows]

    @strawberry.field(description="The initiatives the actor participates in, by initiative id.")
    async def initiatives(
        self, info: Info,
        role: Annotated[ParticipationRole | None, strawberry.argument(
            description="Only those where it has this role."
        )] = None,
    ) -> list[ActorInitiativeEdge]:
        links = await info.context.loaders.actor_initiatives.load(self.id)
        return [
            ActorInitiativeEdge(initiative=initiative_from(link["node"]), **_participation(link))
            for link in links if role is None or link["role"] == role.value
        ]


@strawberry.type(description="A territorial productive articulation initiative.")
class Initiative(Node):
    type: InitiativeType
    status: InitiativeStatus | None
    start_year: int | None
    end_year: int | None
    description: str | None
    website: str | None
    contact: str | None = strawberry.field(description="A public contact: an e-mail address, "
                                           "or the web address of a contact form.")

    @strawberry.field(description="Where the initiative is located (it may span several), by code.")
    async def territories(self, info: Info) -> list[Territory]:
        rows = await info.context.loaders.initiative_territories.load(self.id)
        return [territory_from(row) for row in rows]

    @strawberry.field(description="The initiative's sectors, by code.")
    async def sectors(self, info: Info) -> list[Sector]:
        rows = await info.context.loaders.initiative_sectors.load(self.id)
        return [sector_from(row) for row in rows]

    @strawberry.field(description="The actors participating in the initiative, by actor id.")
    async def participants(
        self, info: Info,
        role: Annotated[ParticipationRole | None, strawberry.argument(
            description="Only those with this role."
        )] = None,
    ) -> list[Participation]:
        links = await info.context.loaders.participants.load(self.id)
        return [
            Participation(actor=actor_from(link["node"]), **_participation(link))
            for link in links if role is None or link["role"] == role.value
        ]

    @strawberry.field(
        description="The seats of the initiative's governance body, by institution id."
    )
    async def governance(self, info: Info) -> list[GovernanceSeat]:
        links = await info.context.loaders.governance.load(self.id)
        return [
            GovernanceSeat(institution=institution_from(link["node"]), **_seat(link))
            for link in links
        ]

    @strawberry.field(description="The programmes supporting the initiative, by programme id.")
    async def supported_by(self, info: Info) -> list[Support]:
        links = await info.context.loaders.supports.load(self.id)
        return [Support(program=program_from(link["node"]), **_support(link)) for link in links]

    @strawberry.field(description="Joint action with other initiatives, either way round, by "
                                  "partner id.")
    async def collaborations(self, info: Info) -> list[Collaboration]:
        links = await info.context.loaders.collaborations.load(self.id)
        return [
            Collaboration(partner=initiative_from(link["node"]), kind=link["kind"], **_period(link))
            for link in links
        ]


@strawberry.type(description="A firm.")
class Firm(Actor):
    size: FirmSize | None
    employees: int | None
    founded_year: int | None
    stored_tax_id: strawberry.Private[str | None] = None

    @strawberry.field(description="The firm's tax id. Private: only EDITOR and ADMIN keys see "
                                  "it; for readers and anonymous callers it is null.")
    def tax_id(self, info: Info) -> str | None:
        return self.stored_tax_id if info.context.principal.may(Role.EDITOR) else None

    @strawberry.field(description="The firms that supply this one, by id.")
    async def suppliers(self, info: Info) -> list[SupplyLink]:
        links = await info.context.loaders.suppliers.load(self.id)
        return [_supply(link) for link in links]

    @strawberry.field(description="The firms this one supplies, by id.")
    async def clients(self, info: Info) -> list[SupplyLink]:
        links = await info.context.loaders.clients.load(self.id)
        return [_supply(link) for link in links]


@strawberry.type(description="A public or private institution: government, academia, a chamber, "
                             "an agency, a bank, an NGO or an international body.")
class Institution(Actor):
    kind: InstitutionKind
    level: GovernmentLevel

    @strawberry.field(description="The initiatives whose governance it sits in, by initiative id.")
    async def governs(self, info: Info) -> list[GovernedInitiative]:
        links = await info.context.loaders.institution_governs.load(self.id)
        return [
            GovernedInitiative(initiative=initiative_from(link["node"]), **_seat(link))
            for link in links
        ]

    @strawberry.field(description="The programmes it runs, by id.")
    async def programs(self, info: Info) -> list[Program]:
        rows = await info.context.loaders.institution_programs.load(self.id)
        return [program_from(row) for row in rows]

    @strawberry.field(description="Formal agreements with other institutions, either way round, "
                                  "by partner id.")
    async def agreements(self, info: Info) -> list[Agreement]:
        links = await info.context.loaders.agreements.load(self.id)
        return [
            Agreement(partner=institution_from(link["node"]), kind=link["kind"], **_period(link))
            for link in links
        ]


@strawberry.type(description="A support programme or policy instrument.")
class Program(Node):
    instrument: str | None
    start_year: int | None
    end_year: int | None
    budget: float | None = strawberry.field(description="In `currency`.")
    currency: str | None = strawberry.field(description="ISO 4217 code.")

    @strawberry.field(description="The institution running the programme.")
    async def run_by(self, info: Info) -> Institution | None:
        rows = await info.context.loaders.program_runners.load(self.id)
        return institution_from(rows[0]) if rows else None

    @strawberry.field(description="The initiatives the programme supports, by initiative id.")
    async def supports(self, info: Info) -> list[SupportedInitiative]:
        links = await info.context.loaders.program_supports.load(self.id)
        return [
            SupportedInitiative(initiative=initiative_from(link["node"]), **_support(link))
            for link in links
        ]


@strawberry.type(description="An actor's participation in an initiative.")
class Participation:
    actor: Actor
    role: ParticipationRole
    since: int | None = strawberry.field(description=SINCE)
    until: int | None = strawberry.field(description=UNTIL)
    source: str | None = strawberry.field(description=SOURCE)
    confidence: float | None = strawberry.field(description=CONFIDENCE)


@strawberry.type(description="An initiative an actor participates in.")
class ActorInitiativeEdge:
    initiative: Initiative
    role: ParticipationRole
    since: int | None = strawberry.field(description=SINCE)
    until: int | None = strawberry.field(description=UNTIL)
    source: str | None = strawberry.field(description=SOURCE)
    confidence: float | None = strawberry.field(description=CONFIDENCE)


@strawberry.type(description="An institution's seat in an initiative's governance body.")
class GovernanceSeat:
    institution: Institution
    role: GovernanceRole
    since: int | None = strawberry.field(description=SINCE)
    until: int | None = strawberry.field(description=UNTIL)
    source: str | None = strawberry.field(description=SOURCE)
    confidence: float | None = strawberry.field(description=CONFIDENCE)


@strawberry.type(description="An initiative an institution governs, with its seat.")
class GovernedInitiative:
    initiative: Initiative
    role: GovernanceRole
    since: int | None = strawberry.field(description=SINCE)
    until: int | None = strawberry.field(description=UNTIL)
    source: str | None = strawberry.field(description=SOURCE)
    confidence: float | None = strawberry.field(description=CONFIDENCE)


@strawberry.type(description="A programme's support to an initiative.")
class Support:
    program: Program
    amount: float | None = strawberry.field(description="In `currency`; null when undisclosed.")
    currency: str | None = strawberry.field(description="ISO 4217 code.")
    since: int | None = strawberry.field(description=SINCE)
    until: int | None = strawberry.field(description=UNTIL)
    source: str | None = strawberry.field(description=SOURCE)
    confidence: float | None = strawberry.field(description=CONFIDENCE)


@strawberry.type(description="An initiative a programme supports, with the support.")
class SupportedInitiative:
    initiative: Initiative
    amount: float | None = strawberry.field(description="In `currency`; null when undisclosed.")
    currency: str | None = strawberry.field(description="ISO 4217 code.")
    since: int | None = strawberry.field(description=SINCE)
    until: int | None = strawberry.field(description=UNTIL)
    source: str | None = strawberry.field(description=SOURCE)
    confidence: float | None = strawberry.field(description=CONFIDENCE)


@strawberry.type(description="Joint action between two initiatives.")
class Collaboration:
    partner: Initiative
    kind: str | None = strawberry.field(description="What they do together, in the data's words.")
    since: int | None = strawberry.field(description=SINCE)
    until: int | None = strawberry.field(description=UNTIL)
    source: str | None = strawberry.field(description=SOURCE)
    confidence: float | None = strawberry.field(description=CONFIDENCE)


@strawberry.type(description="A formal agreement between two institutions.")
class Agreement:
    partner: Institution
    kind: str | None = strawberry.field(description="The kind of agreement, in the data's words.")
    since: int | None = strawberry.field(description=SINCE)
    until: int | None = strawberry.field(description=UNTIL)
    source: str | None = strawberry.field(description=SOURCE)
    confidence: float | None = strawberry.field(description=CONFIDENCE)


@strawberry.type(description="A supplier relation, seen from the other firm.")
class SupplyLink:
    firm: Firm
    weight: float | None = strawberry.field(
        description="Approximate share (0-1) of the supplier's sales that go to the client."
    )
    since: int | None = strawberry.field(description=SINCE)
    until: int | None = strawberry.field(description=UNTIL)
    source: str | None = strawberry.field(description=SOURCE)
    confidence: float | None = strawberry.field(description=CONFIDENCE)


def _period(link: Row) -> dict[str, Any]:
    return {"since": link["since"], "until": link["until"], "source": link["source"],
            "confidence": link["confidence"]}


def _participation(link: Row) -> dict[str, Any]:
    return {"role": _member(ParticipationRole, link["role"]), **_period(link)}


def _seat(link: Row) -> dict[str, Any]:
    return {"role": _member(GovernanceRole, link["role"]), **_period(link)}


def _support(link: Row) -> dict[str, Any]:
    return {"amount": link["amount"], "currency": link["currency"], **_period(link)}


def _supply(link: Row) -> SupplyLink:
    return SupplyLink(firm=firm_from(link["node"]), weight=link["weight"], **_period(link))


def initiative_from(row: Row) -> Initiative:
    return Initiative(
        id=strawberry.ID(row["id"]), name=row["name"], type=_member(InitiativeType, row["type"]),
        status=_enum(InitiativeStatus, row.get("status")), start_year=row.get("startYear"),
        end_year=row.get("endYear"), description=row.get("description"),
        website=row.get("website"), contact=row.get("contact"),
    )


def firm_from(row: Row) -> Firm:
    return Firm(
        id=strawberry.ID(row["id"]), name=row["name"], size=_enum(FirmSize, row.get("size")),
        employees=row.get("employees"), founded_year=row.get("foundedYear"),
        stored_tax_id=row.get("taxId"),
    )


def institution_from(row: Row) -> Institution:
    return Institution(
        id=strawberry.ID(row["id"]), name=row["name"], kind=_member(InstitutionKind, row["kind"]),
        level=_member(GovernmentLevel, row["level"]),
    )


def program_from(row: Row) -> Program:
    return Program(
        id=strawberry.ID(row["id"]), name=row["name"], instrument=row.get("instrument"),
        start_year=row.get("startYear"), end_year=row.get("endYear"),
        budget=row.get("budget"), currency=row.get("currency"),
    )


def actor_from(row: Row) -> Firm | Institution:
    return firm_from(row) if "Firm" in row["labels"] else institution_from(row)


def node_from(row: Row) -> Initiative | Firm | Institution | Program:
    labels = row["labels"]
    if "Initiative" in labels:
        return initiative_from(row)
    if "Program" in labels:
        return program_from(row)
    return actor_from(row)
