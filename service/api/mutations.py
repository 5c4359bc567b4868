"""The Mutation root: create, update and delete every entity and link, and registerInitiative.

Each mutation needs an EDITOR key and is one transaction (change, audit entry and graph
version together), written by the loader's validation and writer in a worker thread
(`service.writes`), so the event loop stays free.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

import anyio.to_thread
import neo4j
import strawberry
from strawberry.scalars import JSON

from service import writes
from service.access import Role
from service.api.context import Info
from service.api.entities import Firm, Initiative, Institution, Node, Program, node_from
from service.api.write_inputs import (
    AgreementInput,
    CollaborationInput,
    FirmInput,
    GovernanceInput,
    InitiativeInput,
    InstitutionInput,
    ParticipationInput,
    ProgramInput,
    RegisterInitiativeInput,
    SupplyInput,
    SupportInput,
    cells,
)
from service.audit import Who
from service.database import translated_errors
from service.errors import BadUserInput
from service.merge import merge_actors
from service.messages import msg
from service.writes import EntityKind, LinkKind, Outcome

Entity = Initiative | Firm | Institution | Program


@strawberry.type(description="What a mutation did, as its audit entry records it.")
class WriteResult:
    audit_id: strawberry.ID = strawberry.field(description="The id of its audit entry.")
    operation: str = strawberry.field(description="The mutation's name.")
    targets: list[strawberry.ID] = strawberry.field(
        description="The ids it wrote: the entity, a link's two ends, or a new initiative and "
        "the actors created with it.")
    graph_version: int | None = strawberry.field(
        description="The graph version after the change; null when nothing changed.")
    before: JSON | None = strawberry.field(
        description="The entity or link before the change (null when it is new), with its "
        "territory and sector codes.")
    after: JSON | None = strawberry.field(
        description="The entity or link after the change (null when deleted).")
    node: Node | None = strawberry.field(
        description="The entity written, as the API shows it (null after a delete or for a link).")


def _result(outcome: Outcome) -> WriteResult:
    return WriteResult(
        audit_id=strawberry.ID(outcome.audit_id), operation=outcome.operation,
        targets=[strawberry.ID(t) for t in outcome.targets],
        graph_version=outcome.graph_version, before=outcome.before, after=outcome.after,
        node=None if outcome.node is None else node_from(outcome.node),
    )


async def _write(info: Info, operation: str, function: Callable[..., Outcome],
                 *arguments: Any, role: Role = Role.EDITOR) -> WriteResult:
    """Check the caller may write (holds `role`), then run `function` in a worker thread."""
    principal = info.context.principal
    principal.require(role, operation)
    who = principal.who
    settings = info.context.db.settings
    driver = info.context.writer

    def blocking() -> Outcome:
        with translated_errors(settings, operation=f"The mutation {operation}"):
            return function(driver, settings.neo4j_database, who, operation, *arguments)

    return _result(await anyio.to_thread.run_sync(blocking))


def _entity(kind: EntityKind, create: bool) -> Callable[..., Outcome]:
    return partial(_call, writes.create_entity if create else writes.update_entity, kind)


def _call(function: Callable[..., Outcome], kind: Any, driver: neo4j.Driver, database: str,
          who: Who, operation: str, *arguments: Any) -> Outcome:
    return function(driver, database, who, operation, kind, *arguments)


def _delete_entity(kind: EntityKind) -> Callable[..., Outcome]:
    return partial(_call, writes.delete_entity, kind)


def _link(kind: LinkKind, create: bool) -> Callable[..., Outcome]:
    return partial(_call, writes.create_link if create else writes.update_link, kind)


def _delete_link(kind: LinkKind) -> Callable[..., Outcome]:
    return partial(_call, writes.delete_link, kind)


CREATE = "Create {}; BAD_USER_INPUT (nothing written) when the id exists or the input has " \
    "problems, each named as the loader names them."
CREATE_ONCE = CREATE + " LIKELY_DUPLICATE (nothing written) when it is likely one the " \
    "database holds (the same tax id, or a name alike in the same country), with the ids in " \
    "`extensions.candidates`: use one of them, or send again with allowDuplicate: true."
ALLOW_DUPLICATE = strawberry.argument(
    description="Create it even when it is likely one the database holds.")
UPDATE = "Change the fields given of {}; fields left out or null keep their values. " \
    "NOT_FOUND when it does not exist."
DELETE = "Delete {} and every relationship it has. NOT_FOUND when it does not exist."
CREATE_LINK = "Create {}; BAD_USER_INPUT when it exists, an end does not, or the input has " \
    "problems."
UPDATE_LINK = "Change the fields given of {}; others keep their values. NOT_FOUND when absent."
DELETE_LINK = "Delete {}. NOT_FOUND when absent."


@strawberry.type
class Mutation:
    # -- entities ---------------------------------------------------------------------------

    @strawberry.mutation(description=CREATE_ONCE.format("an initiative"))
    async def create_initiative(
            self, info: Info, input: InitiativeInput,
            allow_duplicate: Annotated[bool, ALLOW_DUPLICATE] = False) -> WriteResult:
        return await _write(info, "createInitiative",
                            _entity(EntityKind.INITIATIVE, True), cells(input), allow_duplicate)

    @strawberry.mutation(description=UPDATE.format("an initiative"))
    async def update_initiative(self, info: Info, input: InitiativeInput) -> WriteResult:
        return await _write(info, "updateInitiative",
                            _entity(EntityKind.INITIATIVE, False), cells(input))

    @strawberry.mutation(description=DELETE.format("an initiative"))
    async def delete_initiative(self, info: Info, id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteInitiative", _delete_entity(EntityKind.INITIATIVE), id)

    @strawberry.mutation(description=CREATE_ONCE.format("a firm"))
    async def create_firm(
            self, info: Info, input: FirmInput,
            allow_duplicate: Annotated[bool, ALLOW_DUPLICATE] = False) -> WriteResult:
        return await _write(info, "createFirm", _entity(EntityKind.FIRM, True), cells(input),
                            allow_duplicate)

    @strawberry.mutation(description=UPDATE.format("a firm"))
    async def update_firm(self, info: Info, input: FirmInput) -> WriteResult:
        return await _write(info, "updateFirm", _entity(EntityKind.FIRM, False), cells(input))

    @strawberry.mutation(description=DELETE.format("a firm"))
    async def delete_firm(self, info: Info, id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteFirm", _delete_entity(EntityKind.FIRM), id)

    @strawberry.mutation(description=CREATE_ONCE.format("an institution"))
    async def create_institution(
            self, info: Info, input: InstitutionInput,
            allow_duplicate: Annotated[bool, ALLOW_DUPLICATE] = False) -> WriteResult:
        return await _write(info, "createInstitution",
                            _entity(EntityKind.INSTITUTION, True), cells(input), allow_duplicate)

    @strawberry.mutation(description=UPDATE.format("an institution"))
    async def update_institution(self, info: Info, input: InstitutionInput) -> WriteResult:
        return await _write(info, "updateInstitution",
                            _entity(EntityKind.INSTITUTION, False), cells(input))

    @strawberry.mutation(description=DELETE.format("an institution"))
    async def delete_institution(self, info: Info, id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteInstitution",
                            _delete_entity(EntityKind.INSTITUTION), id)

    @strawberry.mutation(description=CREATE.format("a programme"))
    async def create_program(self, info: Info, input: ProgramInput) -> WriteResult:
        return await _write(info, "createProgram", _entity(EntityKind.PROGRAM, True),
                            cells(input))

    @strawberry.mutation(description=UPDATE.format("a programme"))
    async def update_program(self, info: Info, input: ProgramInput) -> WriteResult:
        return await _write(info, "updateProgram", _entity(EntityKind.PROGRAM, False),
                            cells(input))

    @strawberry.mutation(description=DELETE.format("a programme"))
    async def delete_program(self, info: Info, id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteProgram", _delete_entity(EntityKind.PROGRAM), id)

    # -- links ------------------------------------------------------------------------------

    @strawberry.mutation(description=CREATE_LINK.format("an actor's participation"))
    async def create_participation(self, info: Info, input: ParticipationInput) -> WriteResult:
        return await _write(info, "createParticipation",
                            _link(LinkKind.PARTICIPATION, True), cells(input))

    @strawberry.mutation(description=UPDATE_LINK.format("an actor's participation"))
    async def update_participation(self, info: Info, input: ParticipationInput) -> WriteResult:
        return await _write(info, "updateParticipation",
                            _link(LinkKind.PARTICIPATION, False), cells(input))

    @strawberry.mutation(description=DELETE_LINK.format("an actor's participation"))
    async def delete_participation(self, info: Info, actor_id: strawberry.ID,
                                   initiative_id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteParticipation", _delete_link(LinkKind.PARTICIPATION),
                            (actor_id, initiative_id))

    @strawberry.mutation(description=CREATE_LINK.format("a governance seat"))
    async def create_governance(self, info: Info, input: GovernanceInput) -> WriteResult:
        return await _write(info, "createGovernance",
                            _link(LinkKind.GOVERNANCE, True), cells(input))

    @strawberry.mutation(description=UPDATE_LINK.format("a governance seat"))
    async def update_governance(self, info: Info, input: GovernanceInput) -> WriteResult:
        return await _write(info, "updateGovernance",
                            _link(LinkKind.GOVERNANCE, False), cells(input))

    @strawberry.mutation(description=DELETE_LINK.format("a governance seat"))
    async def delete_governance(self, info: Info, institution_id: strawberry.ID,
                                initiative_id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteGovernance", _delete_link(LinkKind.GOVERNANCE),
                            (institution_id, initiative_id))

    @strawberry.mutation(description=CREATE_LINK.format("a programme's support"))
    async def create_support(self, info: Info, input: SupportInput) -> WriteResult:
        return await _write(info, "createSupport", _link(LinkKind.SUPPORT, True), cells(input))

    @strawberry.mutation(description=UPDATE_LINK.format("a programme's support"))
    async def update_support(self, info: Info, input: SupportInput) -> WriteResult:
        return await _write(info, "updateSupport", _link(LinkKind.SUPPORT, False), cells(input))

    @strawberry.mutation(description=DELETE_LINK.format("a programme's support"))
    async def delete_support(self, info: Info, program_id: strawberry.ID,
                             initiative_id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteSupport", _delete_link(LinkKind.SUPPORT),
                            (program_id, initiative_id))

    @strawberry.mutation(description=CREATE_LINK.format("a supplier relation"))
    async def create_supply(self, info: Info, input: SupplyInput) -> WriteResult:
        return await _write(info, "createSupply", _link(LinkKind.SUPPLY, True), cells(input))

    @strawberry.mutation(description=UPDATE_LINK.format("a supplier relation"))
    async def update_supply(self, info: Info, input: SupplyInput) -> WriteResult:
        return await _write(info, "updateSupply", _link(LinkKind.SUPPLY, False), cells(input))

    @strawberry.mutation(description=DELETE_LINK.format("a supplier relation"))
    async def delete_supply(self, info: Info, supplier_id: strawberry.ID,
                            client_id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteSupply", _delete_link(LinkKind.SUPPLY),
                            (supplier_id, client_id))

    @strawberry.mutation(description=CREATE_LINK.format("a collaboration"))
    async def create_collaboration(self, info: Info, input: CollaborationInput) -> WriteResult:
        return await _write(info, "createCollaboration",
                            _link(LinkKind.COLLABORATION, True), cells(input))

    @strawberry.mutation(description=UPDATE_LINK.format("a collaboration"))
    async def update_collaboration(self, info: Info, input: CollaborationInput) -> WriteResult:
        return await _write(info, "updateCollaboration",
                            _link(LinkKind.COLLABORATION, False), cells(input))

    @strawberry.mutation(description=DELETE_LINK.format("a collaboration"))
    async def delete_collaboration(self, info: Info, initiative_id: strawberry.ID,
                                   partner_initiative_id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteCollaboration", _delete_link(LinkKind.COLLABORATION),
                            (initiative_id, partner_initiative_id))

    @strawberry.mutation(description=CREATE_LINK.format("an agreement"))
    async def create_agreement(self, info: Info, input: AgreementInput) -> WriteResult:
        return await _write(info, "createAgreement",
                            _link(LinkKind.AGREEMENT, True), cells(input))

    @strawberry.mutation(description=UPDATE_LINK.format("an agreement"))
    async def update_agreement(self, info: Info, input: AgreementInput) -> WriteResult:
        return await _write(info, "updateAgreement",
                            _link(LinkKind.AGREEMENT, False), cells(input))

    @strawberry.mutation(description=DELETE_LINK.format("an agreement"))
    async def delete_agreement(self, info: Info, institution_id: strawberry.ID,
                               partner_institution_id: strawberry.ID) -> WriteResult:
        return await _write(info, "deleteAgreement", _delete_link(LinkKind.AGREEMENT),
                            (institution_id, partner_institution_id))

    # -- duplicates ---------------------------------------------------------------------------

    @strawberry.mutation(description="Merge two firms (or two institutions) found to be one, "
                         "ADMIN keys only: every relationship of `remove` moves to `keep` "
                         "(one `keep` has already with the same node and type stays as it is, "
                         "and `remove`'s territory only when `keep` has none), `keep` takes "
                         "the properties it lacks from `remove`, and `remove` is deleted; one "
                         "transaction, audited with both before. NOT_FOUND when either is not "
                         "an actor; BAD_USER_INPUT when they are one, or of different kinds.")
    async def merge_actors(self, info: Info, keep: strawberry.ID,
                           remove: strawberry.ID) -> WriteResult:
        return await _write(info, "mergeActors", _merge, keep, remove, role=Role.ADMIN)

    # -- all at once ------------------------------------------------------------------------

    @strawberry.mutation(description="Create an initiative with its participants (existing "
                         "actors or new firms and institutions), governance seats and support, "
                         "in one transaction: one problem anywhere and nothing is written. "
                         "LIKELY_DUPLICATE (nothing written) when the initiative or a new actor "
                         "is likely one the database (or the input) holds, with the ids in "
                         "`extensions.candidates`: use them, or send again with "
                         "allowDuplicate: true.")
    async def register_initiative(
            self, info: Info, input: RegisterInitiativeInput,
            allow_duplicate: Annotated[bool, ALLOW_DUPLICATE] = False) -> WriteResult:
        registration = registration_of(input)
        return await _write(info, "registerInitiative", _register, registration,
                            allow_duplicate)


def _merge(driver: neo4j.Driver, database: str, who: Who, operation: str, keep: str,
           remove: str) -> Outcome:
    return merge_actors(driver, database, who, operation, keep, remove)


def _register(driver: neo4j.Driver, database: str, who: Who, operation: str,
              registration: writes.Registration, allow_duplicate: bool) -> Outcome:
    return writes.register_initiative(driver, database, who, operation, registration,
                                      allow_duplicate)


PERIOD = ("since", "until", "source", "confidence")


def registration_of(input: RegisterInitiativeInput) -> writes.Registration:
    """The input as dataset rows; BadUserInput when a member names no actor or two."""
    initiative = cells(input.initiative)
    initiative_id = input.initiative.id
    firms: list[dict[str, Any]] = []
    institutions: list[dict[str, Any]] = []
    participations: list[dict[str, Any]] = []
    for number, member in enumerate(input.participants, start=1):
        given = [x for x in (member.actor_id, member.firm, member.institution) if x is not None]
        if len(given) != 1:
            raise BadUserInput(msg("error.register.participant", item=number,
                                   given=len(given)), item=number)
        actor_id = member.actor_id
        if member.firm is not None:
            firms.append(cells(member.firm))
            actor_id = member.firm.id
        if member.institution is not None:
            institutions.append(cells(member.institution))
            actor_id = member.institution.id
        participations.append({"actor_id": actor_id, "initiative_id": initiative_id,
                               "role": member.role,
                               **{k: getattr(member, k) for k in PERIOD}})
    governance: list[dict[str, Any]] = []
    for number, seat in enumerate(input.governance, start=1):
        if (seat.institution_id is None) == (seat.institution is None):
            raise BadUserInput(msg("error.register.seat", item=number), item=number)
        institution_id = seat.institution_id
        if seat.institution is not None:
            institutions.append(cells(seat.institution))
            institution_id = seat.institution.id
        governance.append({"institution_id": institution_id, "initiative_id": initiative_id,
                           "role": seat.role, **{k: getattr(seat, k) for k in PERIOD}})
    supports = [{"program_id": s.program_id, "initiative_id": initiative_id,
                 "amount": s.amount, "currency": s.currency,
                 **{k: getattr(s, k) for k in PERIOD}} for s in input.support]
    return writes.Registration(initiative, firms, institutions, participations, governance,
                               supports)
