"""Initiatives submitted by anyone, quarantined until a moderator reviews them.

A submission is one `(:Submission)` node holding the registration as JSON: no `id`, no
relationship, no label any read, analysis, projection or export matches, so it is invisible
until approved. Approval writes the registration as `registerInitiative` does and closes
the submission in that same transaction. Blocking: the resolvers run these in a worker thread.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import neo4j

from loaders.cypher_run import run
from loaders.dataset_duplicates import dataset_duplicates
from service.audit import Who
from service.cypher_catalog import cypher
from service.errors import BadUserInput, NotFound, RateLimited
from service.messages import msg
from service.writes import (
    Outcome,
    Registration,
    _Written,
    checked_registration,
    commit,
    register_initiative,
)

SUBMIT = "submitInitiative"
APPROVE = "approveSubmission"
REJECT = "rejectSubmission"
DUPLICATE_HINT = "problem.duplicate_hint.submission"
WINDOW_S = 3600  # ARTICULA_SUBMISSIONS_PER_HOUR's hour


class Status(enum.Enum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@dataclass(frozen=True)
class Received:
    reference: str
    duplicates: list[dict[str, Any]]  # {table, item, name, candidateId} per likely duplicate


def new_reference() -> str:
    return secrets.token_urlsafe(18)


def address_hash(address: str, salt: str) -> str:
    return hmac.new(salt.encode(), address.encode(), hashlib.sha256).hexdigest()


def _duplicates(found: list[tuple[Any, str]]) -> list[dict[str, Any]]:
    return [{"table": str(problem.source).rsplit(", ", 1)[-1], "item": problem.row,
             "name": problem.value, "candidateId": other} for problem, other in found]


def check(driver: neo4j.Driver, database: str, registration: Registration) -> Received:
    """Validate a submission exactly as `registerInitiative` validates its input, writing
    nothing: BAD_USER_INPUT naming each problem. Likely duplicates of its new actors are
    not refused but kept, for the moderator to link."""
    raw, dataset, _ = checked_registration(driver, database, SUBMIT, registration,
                                           allow_duplicate=True, write_reference=False)
    found = dataset_duplicates(raw, dataset, driver, database, DUPLICATE_HINT)
    return Received(new_reference(), _duplicates(found))


def submit(driver: neo4j.Driver, database: str, who: Who, payload: dict[str, Any],
           registration: Registration, address: str, limit: int,
           window_s: int = WINDOW_S) -> Received:
    """Store a valid submission, quarantined, with its audit entry; RATE_LIMITED when the
    caller (`address`, hashed) stored `limit` in the last `window_s` seconds, counted in the
    database so that every worker process shares the count."""
    received = check(driver, database, registration)
    name = registration.initiative.get("name")

    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        recent = run(tx, "submissions/recent", addressHash=address, windowS=window_s)[0]
        if recent["recent"] >= limit:
            raise rate_limited(max(1, int(recent["wait"])))
        run(tx, "submissions/create", reference=received.reference,
            payload=json.dumps(payload, ensure_ascii=False), initiativeName=name,
            duplicates=json.dumps(received.duplicates), addressHash=address,
            keyId=who.key_id)
        return None, _Written()

    after = {"reference": received.reference, "addressHash": address, "name": name,
             "likelyDuplicates": received.duplicates}
    commit(driver, database, who, SUBMIT, [received.reference], work, lambda tx: after)
    return received


def record_bot(driver: neo4j.Driver, database: str, who: Who, address: str) -> None:
    """Audit a submission whose hidden field was filled (a bot's): nothing else is stored."""
    commit(driver, database, who, SUBMIT, [], lambda tx: (None, _Written()),
           lambda tx: {"honeypot": True, "addressHash": address})


def read(driver: neo4j.Driver, database: str, reference: str) -> dict[str, Any]:
    """A submission's stored properties; NOT_FOUND (the same for any unknown reference)."""
    records, _, _ = driver.execute_query(cypher("submissions/find"), reference=reference,
                                         database_=database, routing_=neo4j.RoutingControl.READ)
    if not records:
        raise not_found()
    return dict(records[0]["submission"])


def rate_limited(wait_s: int) -> RateLimited:
    return RateLimited(msg("error.submission.rate_limited", seconds=wait_s), retryAfter=wait_s)


def not_found() -> NotFound:
    return NotFound(msg("error.submission.not_found"))


def _closed(status: str) -> BadUserInput:
    return BadUserInput(msg("error.submission.closed", status=status), status=status)


def _review(tx: neo4j.ManagedTransaction, who: Who, reference: str, status: Status,
            note: str | None, initiative_id: str | None) -> dict[str, Any]:
    rows = run(tx, "submissions/review", reference=reference, status=status.value, note=note,
               keyId=who.key_id, initiativeId=initiative_id)
    if not rows:
        raise not_found()
    if rows[0]["before"] != Status.PENDING.value:
        raise _closed(rows[0]["before"])
    return {"reference": reference, "status": Status.PENDING.value}


def approve(driver: neo4j.Driver, database: str, who: Who, reference: str,
            registration_of: Callable[[dict[str, Any]], Registration],
            edits: Registration | None, allow_duplicate: bool) -> Outcome:
    """Write the submission's registration (or `edits` of it) as `registerInitiative` does
    and mark it APPROVED, in one transaction."""
    stored = read(driver, database, reference)
    if stored["status"] != Status.PENDING.value:
        raise _closed(stored["status"])
    registration = edits if edits is not None else registration_of(json.loads(stored["payload"]))

    def close(tx: neo4j.ManagedTransaction, initiative_id: str) -> dict[str, Any]:
        return _review(tx, who, reference, Status.APPROVED, None, initiative_id)

    return register_initiative(driver, database, who, APPROVE, registration, allow_duplicate,
                               also=close)


def reject(driver: neo4j.Driver, database: str, who: Who, reference: str,
           note: str) -> Outcome:
    if not note.strip():
        raise BadUserInput(msg("error.submission.note"), argument="note")

    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        return _review(tx, who, reference, Status.REJECTED, note.strip(), None), _Written()

    return commit(driver, database, who, REJECT, [reference], work,
                  lambda tx: {"reference": reference, "status": Status.REJECTED.value,
                              "reviewerNote": note.strip()})
