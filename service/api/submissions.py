"""Submissions: the one write an anonymous caller may make (`submitInitiative`), its status
for whoever holds its reference, and moderation (`submissions`, `approveSubmission`,
`rejectSubmission`) for EDITOR and ADMIN keys."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Annotated, Any

import anyio.to_thread
import strawberry
from strawberry.scalars import JSON

from loaders.writer import camel
from service import submissions
from service.access import Role
from service.api.context import Info
from service.api.entities import Node, node_from
from service.api.mutations import ALLOW_DUPLICATE, WriteResult, _result, registration_of
from service.api.pagination import Connection, Edge, PageInfo
from service.api.write_inputs import RegisterInitiativeInput, register_input_from
from service.audit import Who
from service.database import translated_errors
from service.errors import BadUserInput
from service.messages import msg
from service.submissions import Status

SubmissionStatus = strawberry.enum(Status, name="SubmissionStatus",
                                   description="Where a submission stands.")
REFERENCE = strawberry.argument(description="The reference `submitInitiative` answered.")


@strawberry.type(description="A new actor of a submission that is likely one the database "
                             "holds: a moderator links it (approving with edits) or keeps it.")
class SubmissionDuplicate:
    table: str = strawberry.field(description="`firms`, `institutions` or `initiatives`.")
    item: int | None = strawberry.field(description="Its place in that list, from 1.")
    name: str | None
    candidate_id: strawberry.ID = strawberry.field(
        description="The id of the one it is likely to be.")

    @strawberry.field(description="That one, as the API shows it (null if deleted since).")
    async def candidate(self, info: Info) -> Node | None:
        row = await info.context.loaders.nodes.load(self.candidate_id)
        return None if row is None else node_from(row)


@strawberry.type(description="What `submitInitiative` answers.")
class SubmissionReceipt:
    reference: str = strawberry.field(
        description="Keep it: `submission(reference:)` tells the submission's status.")
    likely_duplicates: list[SubmissionDuplicate]


@strawberry.type(description="What the holder of a reference may read of its submission.")
class SubmissionState:
    status: SubmissionStatus  # type: ignore[valid-type]
    reviewer_note: str | None = strawberry.field(
        description="Why it was rejected, as the moderator wrote it.")
    submitted_at: datetime


@strawberry.type(description="An actor, institution or programme a submission ties to its "
                             "initiative.")
class SubmissionTie:
    tie: str = strawberry.field(description="PARTICIPATION, GOVERNANCE or SUPPORT.")
    id: strawberry.ID
    new: bool = strawberry.field(description="Whether the submission adds it (a new firm or "
                                             "institution) rather than naming an existing one.")
    entity: str = strawberry.field(description="FIRM, INSTITUTION, ACTOR or PROGRAM.")
    name: str | None = strawberry.field(description="Its name, as given when new.")
    role: str | None

    @strawberry.field(description="The existing one it names (null when new or unknown).")
    async def existing(self, info: Info) -> Node | None:
        if self.new:
            return None
        row = await info.context.loaders.nodes.load(self.id)
        return None if row is None else node_from(row)


@strawberry.type(description="A submission, as a moderator reads it.")
class Submission:
    reference: str
    status: SubmissionStatus  # type: ignore[valid-type]
    submitted_at: datetime
    name: str | None = strawberry.field(description="The initiative's name.")
    type: str | None = strawberry.field(description="The initiative's type, as submitted.")
    territory_codes: list[str]
    sector_codes: list[str]
    description: str | None
    website: str | None
    contact: str | None
    ties: list[SubmissionTie]
    likely_duplicates: list[SubmissionDuplicate]
    input: JSON = strawberry.field(
        description="The submission as a RegisterInitiativeInput, to edit and send back with "
        "`approveSubmission(edits:)`.")
    reviewer_note: str | None
    reviewed_by: str | None = strawberry.field(description="The key id of its moderator.")
    reviewed_at: datetime | None
    initiative_id: strawberry.ID | None = strawberry.field(
        description="The initiative its approval wrote.")


def _camel(value: Any) -> Any:
    if isinstance(value, dict):
        return {camel(k): _camel(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def _ties(payload: dict[str, Any]) -> list[SubmissionTie]:
    ties = []
    for p in payload["participants"]:
        new = p.get("firm") or p.get("institution")
        entity = "FIRM" if p.get("firm") else "INSTITUTION" if p.get("institution") else "ACTOR"
        ties.append(SubmissionTie(tie="PARTICIPATION", id=strawberry.ID(
            new["id"] if new else p.get("actor_id") or ""), new=bool(new), entity=entity,
            name=new.get("name") if new else None, role=p.get("role")))
    for g in payload["governance"]:
        new = g.get("institution")
        ties.append(SubmissionTie(tie="GOVERNANCE", id=strawberry.ID(
            new["id"] if new else g.get("institution_id") or ""), new=bool(new),
            entity="INSTITUTION", name=new.get("name") if new else None, role=g.get("role")))
    ties.extend(SubmissionTie(tie="SUPPORT", id=strawberry.ID(s["program_id"]), new=False,
                              entity="PROGRAM", name=None, role=None)
                for s in payload["support"])
    return ties


def _duplicates(stored: str | None) -> list[SubmissionDuplicate]:
    return [SubmissionDuplicate(table=d["table"], item=d["item"], name=d["name"],
                                candidate_id=strawberry.ID(d["candidateId"]))
            for d in json.loads(stored or "[]")]


def _time(value: Any) -> datetime | None:
    return None if value is None else value.to_native()


def submission_from(row: dict[str, Any]) -> Submission:
    payload = json.loads(row["payload"])
    initiative = payload["initiative"]
    return Submission(
        reference=row["token"], status=Status(row["status"]),
        submitted_at=row["submittedAt"].to_native(), name=initiative.get("name"),
        type=initiative.get("type"), territory_codes=initiative.get("territory_codes") or [],
        sector_codes=initiative.get("sector_codes") or [],
        description=initiative.get("description"), website=initiative.get("website"),
        contact=initiative.get("contact"), ties=_ties(payload),
        likely_duplicates=_duplicates(row.get("duplicates")),
        input=_camel(payload), reviewer_note=row.get("reviewerNote"),
        reviewed_by=row.get("reviewedBy"), reviewed_at=_time(row.get("reviewedAt")),
        initiative_id=row.get("initiativeId"),
    )


def _who(info: Info) -> Who:
    principal = info.context.principal
    return Who(None, "anonymous") if principal.anonymous else principal.who


async def _blocking(info: Info, operation: str, function: Any, *arguments: Any) -> Any:
    settings = info.context.db.settings
    driver = info.context.writer

    def blocking() -> Any:
        with translated_errors(settings, operation=f"The mutation {operation}"):
            return function(driver, settings.neo4j_database, *arguments)

    return await anyio.to_thread.run_sync(blocking)


@strawberry.type
class SubmissionQuery:
    @strawberry.field(description="The status of a submission, for whoever holds its "
                      "reference; NOT_FOUND for any other text.")
    async def submission(self, info: Info,
                         reference: Annotated[str, REFERENCE]) -> SubmissionState:
        rows = await info.context.db.read("submissions/status", reference=reference)
        if not rows:
            raise submissions.not_found()
        return SubmissionState(status=Status(rows[0]["status"]),
                               reviewer_note=rows[0]["reviewerNote"],
                               submitted_at=rows[0]["submittedAt"].to_native())

    @strawberry.field(description="Submissions to moderate, oldest first; EDITOR and ADMIN "
                      "keys only. A cursor is a submission's reference.")
    async def submissions(
        self, info: Info,
        status: Annotated[SubmissionStatus | None, strawberry.argument(  # type: ignore[valid-type]
            description="Only those with this status (all when null).")] = Status.PENDING,
        first: Annotated[int, strawberry.argument(
            description="At most this many (0 to the page size limit).")] = 50,
        after: Annotated[str | None, strawberry.argument(
            description="Continue after this submission (`pageInfo.endCursor`).")] = None,
    ) -> Connection[Submission]:
        info.context.principal.require(Role.EDITOR, "submissions")
        db = info.context.db
        largest = db.settings.max_page_size
        if not 0 <= first <= largest:
            raise BadUserInput(msg("error.between_not", name="first", low=0, high=largest,
                                   value=first), argument="first", value=first)
        wanted = None if status is None else status.value
        rows = await db.read("submissions/page", status=wanted, after=after, limit=first + 1)
        found = [submission_from(row["submission"]) for row in rows[:first]]
        edges = [Edge(cursor=s.reference, node=s) for s in found]

        async def count() -> int:
            return int((await db.read("submissions/count", status=wanted))[0]["count"])

        return Connection(
            edges=edges,
            page_info=PageInfo(has_next_page=len(rows) > first,
                               has_previous_page=after is not None,
                               start_cursor=edges[0].cursor if edges else None,
                               end_cursor=edges[-1].cursor if edges else None),
            count=count,
        )


@strawberry.type
class SubmissionMutation:
    @strawberry.mutation(description="Submit an initiative for moderation: the one write a "
                         "caller without a key may make. It is validated as registerInitiative "
                         "validates its input (BAD_USER_INPUT naming each problem) and kept "
                         "apart, invisible to every read, until an EDITOR approves it. At most "
                         "ARTICULA_SUBMISSIONS_PER_HOUR per caller (a key, or an address); more "
                         "is RATE_LIMITED with `extensions.retryAfter` in seconds.")
    async def submit_initiative(
            self, info: Info, input: RegisterInitiativeInput,
            homepage: Annotated[str | None, strawberry.argument(
                description="Leave empty: a form hides it from people, and whatever fills it "
                "is taken for a robot.")] = None) -> SubmissionReceipt:
        context = info.context
        principal = context.principal
        if principal.refusal is not None:
            raise principal.refusal
        wait = context.submission_window.hit(context.caller)
        if wait is not None:
            raise submissions.rate_limited(wait)
        salt = context.db.settings.submission_salt.get_secret_value()
        address = submissions.address_hash(context.caller, salt)
        who = _who(info)
        if homepage:
            await _blocking(info, submissions.SUBMIT, submissions.record_bot, who, address)
            return SubmissionReceipt(reference=submissions.new_reference(), likely_duplicates=[])
        registration = registration_of(input)
        payload = dataclasses.asdict(input)
        received = await _blocking(info, submissions.SUBMIT, submissions.submit, who, payload,
                                   registration, address, context.db.settings.submissions_per_hour)
        return SubmissionReceipt(
            reference=received.reference,
            likely_duplicates=_duplicates(json.dumps(received.duplicates)))

    @strawberry.mutation(description="Approve a pending submission, EDITOR and ADMIN keys "
                         "only: its initiative and ties are written as registerInitiative writes "
                         "them (or `edits` instead, e.g. a new actor replaced by the existing "
                         "one it duplicates), and the submission is marked APPROVED in the same "
                         "transaction. NOT_FOUND for an unknown reference; BAD_USER_INPUT when "
                         "it is no longer pending; LIKELY_DUPLICATE as registerInitiative.")
    async def approve_submission(
            self, info: Info, reference: Annotated[str, REFERENCE],
            edits: Annotated[RegisterInitiativeInput | None, strawberry.argument(
                description="What to write instead of the submission as sent.")] = None,
            allow_duplicate: Annotated[bool, ALLOW_DUPLICATE] = False) -> WriteResult:
        info.context.principal.require(Role.EDITOR, submissions.APPROVE)
        changed = None if edits is None else registration_of(edits)

        def stored(payload: dict[str, Any]) -> Any:
            return registration_of(register_input_from(payload))

        outcome = await _blocking(info, submissions.APPROVE, submissions.approve,
                                  info.context.principal.who, reference, stored, changed,
                                  allow_duplicate)
        return _result(outcome)

    @strawberry.mutation(description="Reject a pending submission with a note its submitter "
                         "reads, EDITOR and ADMIN keys only. NOT_FOUND for an unknown "
                         "reference; BAD_USER_INPUT when the note is empty or it is no longer "
                         "pending.")
    async def reject_submission(
            self, info: Info, reference: Annotated[str, REFERENCE],
            note: Annotated[str, strawberry.argument(
                description="Why: the submitter reads it with the reference.")]) -> WriteResult:
        info.context.principal.require(Role.EDITOR, submissions.REJECT)
        outcome = await _blocking(info, submissions.REJECT, submissions.reject,
                                  info.context.principal.who, reference, note)
        return _result(outcome)
