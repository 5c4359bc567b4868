"""Writes through the API: small tables checked by the loader's validation and written by
its writer, one transaction per operation, with an audit entry in that same transaction.

Blocking (the loaders use the synchronous driver): the GraphQL resolvers run these
functions in a worker thread. Inputs arrive as the dataset format's columns (snake_case
names, text cells), so that every problem is reported exactly as a load reports it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.exceptions import ConstraintError, IncompleteCommit, ServiceUnavailable, SessionExpired

from loaders.cypher_run import run
from loaders.dataset_duplicates import dataset_duplicates
from loaders.known import DatabaseKnown
from loaders.problems import DatasetError, Problem
from loaders.readers import RawTable, table_from_records
from loaders.reference_data import load_municipalities
from loaders.tables import BY_NAME
from loaders.validation import Dataset, validate
from loaders.writer import LoadSummary, camel, territory_codes, write_in
from service.audit import Who, parameters
from service.cypher_catalog import cypher
from service.errors import (
    BadUserInput,
    DatabaseUnavailable,
    LikelyDuplicate,
    NotFound,
    WriteOutcomeUnknown,
)
from service.messages import Message, msg, say

Cells = dict[str, Any]  # column -> value (None: not given)
Snapshot = dict[str, Any]


class EntityKind(enum.Enum):
    """An entity the API writes: its label, its dataset table and its linking columns."""

    INITIATIVE = ("Initiative", "initiatives")
    FIRM = ("Firm", "firms")
    INSTITUTION = ("Institution", "institutions")
    PROGRAM = ("Program", "programs")

    def __init__(self, label: str, table: str) -> None:
        self.label = label
        self.table = table


class LinkKind(enum.Enum):
    """A relationship the API writes: its type, its dataset table and its end columns."""

    PARTICIPATION = ("PARTICIPATES_IN", "participations")
    GOVERNANCE = ("GOVERNS", "governance")
    SUPPORT = ("SUPPORTS", "supports")
    SUPPLY = ("SUPPLIES", "supplies")
    COLLABORATION = ("COLLABORATES_WITH", "collaborations")
    AGREEMENT = ("AGREEMENT_WITH", "agreements")

    def __init__(self, type_: str, table: str) -> None:
        self.type = type_
        self.table = table

    @property
    def ends(self) -> tuple[str, str]:
        ends = BY_NAME[self.table].ends
        assert ends is not None
        return ends


@dataclass(frozen=True)
class Outcome:
    """What a write did: its audit entry, the graph version after it, before and after."""

    audit_id: str
    operation: str
    targets: list[str]
    graph_version: int | None
    before: Any
    after: Any
    node: Snapshot | None  # the entity written (its stored properties and labels), if any


# -- cells and tables -----------------------------------------------------------------------

def cell(value: Any) -> str:
    """A GraphQL input value as the text cell a dataset file would hold."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, list | tuple):
        return ";".join(cell(item) for item in value)
    return str(value)


def raw_tables(operation: str, tables: Mapping[str, list[Cells]],
               keep_empty: bool) -> dict[str, RawTable]:
    """One RawTable per non-empty table; `keep_empty` keeps columns given as None (as empty
    cells, so a required one is reported missing), else they are left out (unchanged)."""
    out: dict[str, RawTable] = {}
    for name, rows in tables.items():
        if not rows:
            continue
        columns: dict[str, None] = {}
        for row in rows:
            columns.update((k, None) for k, v in row.items() if keep_empty or v is not None)
        records = [{c: cell(row.get(c)) for c in columns} for row in rows]
        out[name] = table_from_records(name, f"mutation {operation}, {name}", records, "item")
    return out


def problems_of(error: DatasetError) -> list[dict[str, Any]]:
    return [{"message": str(p), "source": p.source, "item": p.row, "column": p.column,
             "field": camel(p.column) if p.column else None, "value": p.value,
             "expected": p.expected, "hint": p.hint} for p in error.problems]


def bad_input(problems: list[Problem]) -> BadUserInput:
    """The loader's report of `problems` as the API's BAD_USER_INPUT, problems listed."""
    error = DatasetError(problems)
    lines = error.message.split("\n", 1)[1]
    return BadUserInput(msg("error.write.problems", count=len(problems), lines=lines),
                        problems=problems_of(error))


def checked(driver: neo4j.Driver, database: str, raw: dict[str, RawTable],
            allow_duplicate: bool = True, write_reference: bool = True) -> Dataset:
    """The input validated as a load validates it; unless `allow_duplicate`, LIKELY_DUPLICATE
    (nothing written) when a new firm, institution or initiative is likely one the database
    or the same input holds, with the ids it is likely to be, for the caller to link. The
    reference municipalities it names are written first, as a load writes them, unless
    `write_reference` is off (a check that writes nothing)."""
    try:
        dataset = validate(raw, DatabaseKnown(driver, database))
    except DatasetError as error:
        raise bad_input(error.problems) from None
    found = ([] if allow_duplicate else
             dataset_duplicates(raw, dataset, driver, database, "problem.duplicate_hint.write"))
    if found:
        problems = [problem for problem, _ in found]
        lines = DatasetError(problems).message.split("\n", 1)[1]
        raise LikelyDuplicate(msg("error.write.likely_duplicate", lines=lines),
                              problems=problems_of(DatasetError(problems)),
                              candidates=list(dict.fromkeys(other for _, other in found)))
    if write_reference:
        load_municipalities(driver, database, territory_codes(dataset))
    return dataset


# -- snapshots ------------------------------------------------------------------------------

def _kind_of(labels: list[str]) -> EntityKind | None:
    for kind in EntityKind:
        if kind.label in labels:
            return kind
    return None


def entity_snapshot(record: Mapping[str, Any]) -> Snapshot:
    """An entity as the API's inputs see it: its properties and its links' codes and ids."""
    kind = _kind_of(record["labels"])
    props = {k: _plain(v) for k, v in record["props"].items() if k != "loadId"}
    territories, sectors = sorted(record["territories"]), sorted(record["sectors"])
    if kind is EntityKind.INITIATIVE:
        props.update(territoryCodes=territories, sectorCodes=sectors)
    elif kind is EntityKind.FIRM:
        props.update(territoryCode=territories[0] if territories else None, sectorCodes=sectors)
    elif kind is EntityKind.INSTITUTION:
        props.update(territoryCode=territories[0] if territories else None)
    elif kind is EntityKind.PROGRAM:
        props.update(institutionId=record["runners"][0] if record["runners"] else None)
    return {"entity": kind.label if kind else None, **dict(sorted(props.items()))}


def _plain(value: Any) -> Any:
    return value.iso_format() if hasattr(value, "iso_format") else value


Reader = neo4j.Driver | neo4j.ManagedTransaction


def _rows(reader: Reader, database: str, statement: str,
          **parameters: Any) -> list[dict[str, Any]]:
    """Run a catalogue statement in transaction `reader`, or in a read of its own."""
    if isinstance(reader, neo4j.Driver):
        records, _, _ = reader.execute_query(cypher(statement), parameters, database_=database,
                                             routing_=neo4j.RoutingControl.READ)
        return [record.data() for record in records]
    return run(reader, statement, **parameters)


def read_entity(reader: Reader, database: str, entity_id: str
                ) -> tuple[Snapshot, dict[str, Any]] | None:
    """(snapshot, record) of entity `entity_id`; None when there is none."""
    rows = _rows(reader, database, "mutations/entity", id=entity_id)
    return (entity_snapshot(rows[0]), rows[0]) if rows else None


def read_link(reader: Reader, database: str, kind: LinkKind, ends: tuple[str, str]
              ) -> Snapshot | None:
    """The link of `kind` between `ends`, as the API's inputs see it; None when absent."""
    rows = _rows(reader, database, "mutations/link", type=kind.type,
                 **{"from": ends[0], "to": ends[1]})
    if not rows:
        return None
    props = {k: _plain(v) for k, v in rows[0]["props"].items() if k != "loadId"}
    return {"relationship": kind.type, camel(kind.ends[0]): ends[0],
            camel(kind.ends[1]): ends[1], **dict(sorted(props.items()))}


# -- the transaction ------------------------------------------------------------------------

@dataclass
class _Written:
    summary: LoadSummary | None = None
    removed: int = 0  # relationships or nodes deleted


def commit(driver: neo4j.Driver, database: str, who: Who, operation: str,
           targets: list[str], work: Callable[[neo4j.ManagedTransaction], tuple[Any, _Written]],
           after: Callable[[neo4j.ManagedTransaction], Any],
           node_id: str | None = None) -> Outcome:
    """Run `work` (which returns the before-image and what it wrote), read the after-image,
    bump the graph version when something changed and the writer did not, and record the
    audit entry: all in one transaction."""

    def transaction(tx: neo4j.ManagedTransaction) -> Outcome:
        before, written = work(tx)
        image = after(tx)
        summary = written.summary
        version = summary.graph_version if summary is not None else None
        if version is None and written.removed:
            version = run(tx, "db/bump_version")[0]["version"]
        node = None
        if node_id is not None:
            found = run(tx, "mutations/entity", id=node_id)
            node = {**found[0]["props"], "labels": found[0]["labels"]} if found else None
        audit_id = run(tx, "mutations/audit", **parameters(
            who, operation, targets=targets, before=before, after=image,
            load=summary.load_id if summary is not None and version is not None else None,
            version=version,
        ))[0]["id"]
        return Outcome(audit_id, operation, targets, version, before, image, node)

    attempts: list[Outcome] = []  # the last attempt's outcome, known before its commit

    def attempt(tx: neo4j.ManagedTransaction) -> Outcome:
        attempts.append(transaction(tx))
        return attempts[-1]

    try:
        with driver.session(database=database) as session:
            outcome = session.execute_write(attempt)
    except ConstraintError as error:
        raise BadUserInput(msg("error.write.same_id", operation=operation,
                               reason=error.message)) from None
    except IncompleteCommit as error:
        raise _uncertain(operation, attempts[-1].audit_id) from error
    # A commit cut off by a server shutdown can end without an error on the client (see
    # loaders.writer._check_committed): the audit entry, committed with the change, proves it.
    try:
        records, _, _ = driver.execute_query(cypher("mutations/audit_cursor"),
                                             id=outcome.audit_id, database_=database)
    except (ServiceUnavailable, SessionExpired) as error:
        raise _uncertain(operation, outcome.audit_id) from error
    if not records[0]["found"]:
        raise DatabaseUnavailable(msg("error.write.went_away", operation=operation))
    return outcome


def _uncertain(operation: str, audit_id: str) -> WriteOutcomeUnknown:
    """Neo4j went away after the commit was sent and before its answer came: the write may
    have committed, and its audit entry, whose id is known, says whether it did."""
    return WriteOutcomeUnknown(msg("error.write.outcome_unknown", operation=operation,
                                   audit=audit_id), auditId=audit_id)


def _guard(condition: bool, error: Exception) -> None:
    if not condition:
        raise error


# -- entities -------------------------------------------------------------------------------

def _exists_problem(operation: str, table: str, item: int, entity_id: str,
                    hint: Message) -> Problem:
    return Problem(f"mutation {operation}, {table}", item, "id", entity_id,
                   say("problem.exists", hint=hint), "item")


def create_entity(driver: neo4j.Driver, database: str, who: Who, operation: str,
                  kind: EntityKind, cells: Cells, allow_duplicate: bool = False) -> Outcome:
    dataset = checked(driver, database, raw_tables(operation, {kind.table: [cells]}, True),
                      allow_duplicate)
    entity_id = dataset.rows(kind.table)[0]["id"]
    if entity_id in dataset.existing_ids:
        raise bad_input([_exists_problem(operation, kind.table, 1, entity_id,
                                         msg("problem.exists.update",
                                             mutation=f"update{kind.label}"))])

    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        _guard(read_entity(tx, database, entity_id) is None, bad_input([_exists_problem(
            operation, kind.table, 1, entity_id, msg("problem.exists.meanwhile"))]))
        return None, _Written(write_in(tx, dataset, f"mutation {operation}"))

    return commit(driver, database, who, operation, [entity_id], work,
                  lambda tx: _image(tx, database, entity_id), node_id=entity_id)


def _image(tx: neo4j.ManagedTransaction, database: str, entity_id: str) -> Snapshot | None:
    found = read_entity(tx, database, entity_id)
    return None if found is None else found[0]


def _not_found(kind: EntityKind, entity_id: str, found: Snapshot | None) -> NotFound:
    other = str(found["entity"]).upper() if found else None
    if other in EntityKind.__members__:
        return NotFound(msg("error.write.no_entity_other", kind=kind.name, id=entity_id,
                            other=other), id=entity_id)
    return NotFound(msg("error.write.no_entity", kind=kind.name, id=entity_id), id=entity_id)


# Required columns an update may leave out: filled from what is stored.
_STORED: dict[str, Callable[[Snapshot], Any]] = {
    "name": lambda s: s.get("name"),
    "type": lambda s: s.get("type"),
    "kind": lambda s: s.get("kind"),
    "level": lambda s: s.get("level"),
    "territory_codes": lambda s: s.get("territoryCodes"),
    "territory_code": lambda s: s.get("territoryCode"),
    "role": lambda s: s.get("role"),
}


def update_entity(driver: neo4j.Driver, database: str, who: Who, operation: str,
                  kind: EntityKind, cells: Cells) -> Outcome:
    entity_id = str(cells["id"]).strip()
    found = read_entity(driver, database, entity_id)
    stored = found[0] if found else None
    if stored is None or stored["entity"] != kind.label:
        raise _not_found(kind, entity_id, stored)
    row = {k: v for k, v in cells.items() if v is not None}
    row["id"] = entity_id
    for column in BY_NAME[kind.table].required:
        if column not in row:
            row[column] = _STORED[column](stored)
    dataset = checked(driver, database, raw_tables(operation, {kind.table: [row]}, False))
    written_row = dataset.rows(kind.table)[0]

    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        before = _image(tx, database, entity_id)
        _guard(before is not None, _not_found(kind, entity_id, None))
        written = _Written(write_in(tx, dataset, f"mutation {operation}"))
        for column, statement in (("territory_codes", "unlink_territories"),
                                  ("territory_code", "unlink_territories"),
                                  ("sector_codes", "unlink_sectors"),
                                  ("institution_id", "unlink_runners")):
            if cells.get(column) is not None and column in written_row:
                kept = written_row[column]  # an empty list (or cell) removes them all
                keep = kept if isinstance(kept, list) else [] if kept is None else [kept]
                written.removed += run(tx, f"mutations/{statement}", id=entity_id,
                                       keep=keep)[0]["removed"]
        return before, written

    return commit(driver, database, who, operation, [entity_id], work,
                  lambda tx: _image(tx, database, entity_id), node_id=entity_id)


def delete_entity(driver: neo4j.Driver, database: str, who: Who, operation: str,
                  kind: EntityKind, entity_id: str) -> Outcome:
    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        found = read_entity(tx, database, entity_id)
        before = found[0] if found else None
        _guard(before is not None and before["entity"] == kind.label,
               _not_found(kind, entity_id, before))
        assert before is not None
        relationships = run(tx, "mutations/delete_entity", id=entity_id)[0]["relationships"]
        before["relationshipsDeleted"] = relationships
        return before, _Written(removed=1)

    return commit(driver, database, who, operation, [entity_id], work, lambda tx: None)


# -- links ----------------------------------------------------------------------------------

def _link_not_found(kind: LinkKind, ends: tuple[str, str]) -> NotFound:
    return NotFound(msg("error.write.no_link", kind=kind.name, source=ends[0],
                        target=ends[1]),
                    **{camel(kind.ends[0]): ends[0], camel(kind.ends[1]): ends[1]})


def _ends(kind: LinkKind, cells: Cells) -> tuple[str, str]:
    return str(cells.get(kind.ends[0]) or "").strip(), str(cells.get(kind.ends[1]) or "").strip()


def create_link(driver: neo4j.Driver, database: str, who: Who, operation: str,
                kind: LinkKind, cells: Cells) -> Outcome:
    dataset = checked(driver, database, raw_tables(operation, {kind.table: [cells]}, True))
    row = dataset.rows(kind.table)[0]
    ends = (row[kind.ends[0]], row[kind.ends[1]])
    exists = Problem(f"mutation {operation}, {kind.table}", 1, kind.ends[1], ends[1],
                     say("problem.link_exists", kind=kind.name,
                         mutation=f"update{kind.name.title()}"),
                     "item")

    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        _guard(read_link(tx, database, kind, ends) is None, bad_input([exists]))
        return None, _Written(write_in(tx, dataset, f"mutation {operation}"))

    return commit(driver, database, who, operation, list(ends), work,
                  lambda tx: read_link(tx, database, kind, ends))


def update_link(driver: neo4j.Driver, database: str, who: Who, operation: str,
                kind: LinkKind, cells: Cells) -> Outcome:
    ends = _ends(kind, cells)
    stored = read_link(driver, database, kind, ends)
    if stored is None:
        raise _link_not_found(kind, ends)
    row = {k: v for k, v in cells.items() if v is not None}
    row.update(zip(kind.ends, ends, strict=True))
    for column in BY_NAME[kind.table].required:
        if column not in row:
            row[column] = _STORED[column](stored)
    dataset = checked(driver, database, raw_tables(operation, {kind.table: [row]}, False))

    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        before = read_link(tx, database, kind, ends)
        _guard(before is not None, _link_not_found(kind, ends))
        return before, _Written(write_in(tx, dataset, f"mutation {operation}"))

    return commit(driver, database, who, operation, list(ends), work,
                  lambda tx: read_link(tx, database, kind, ends))


def delete_link(driver: neo4j.Driver, database: str, who: Who, operation: str,
                kind: LinkKind, ends: tuple[str, str]) -> Outcome:
    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        before = read_link(tx, database, kind, ends)
        _guard(before is not None, _link_not_found(kind, ends))
        run(tx, "mutations/delete_link", type=kind.type, **{"from": ends[0], "to": ends[1]})
        return before, _Written(removed=1)

    return commit(driver, database, who, operation, list(ends), work, lambda tx: None)


# -- registerInitiative ---------------------------------------------------------------------

@dataclass
class Registration:
    """An initiative with its new actors and its ties, as dataset rows."""

    initiative: Cells
    firms: list[Cells]
    institutions: list[Cells]
    participations: list[Cells]
    governance: list[Cells]
    supports: list[Cells]


NewIds = list[tuple[str, int, str]]  # (table, item, id) of each entity a registration adds


def registration_tables(registration: Registration) -> dict[str, list[Cells]]:
    return {"initiatives": [registration.initiative], "firms": registration.firms,
            "institutions": registration.institutions,
            "participations": registration.participations,
            "governance": registration.governance, "supports": registration.supports}


def checked_registration(driver: neo4j.Driver, database: str, operation: str,
                         registration: Registration, allow_duplicate: bool = False,
                         write_reference: bool = True
                         ) -> tuple[dict[str, RawTable], Dataset, NewIds]:
    """A registration validated as a load, its new ids free: BAD_USER_INPUT (or
    LIKELY_DUPLICATE) naming every problem otherwise."""
    raw = raw_tables(operation, registration_tables(registration), True)
    dataset = checked(driver, database, raw, allow_duplicate, write_reference)
    new_ids: NewIds = [
        (table, item, row["id"]) for table in ("initiatives", "firms", "institutions")
        for item, row in enumerate(dataset.rows(table), start=1)
    ]
    taken = [_exists_problem(operation, table, item, entity_id,
                             msg("problem.exists.register"))
             for table, item, entity_id in new_ids if entity_id in dataset.existing_ids]
    if taken:
        raise bad_input(taken)
    return raw, dataset, new_ids


def register_initiative(driver: neo4j.Driver, database: str, who: Who, operation: str,
                        registration: Registration, allow_duplicate: bool = False,
                        also: Callable[[neo4j.ManagedTransaction, str], Any] | None = None
                        ) -> Outcome:
    """Write the registration in one transaction; `also(tx, initiative_id)` runs in that
    same transaction (an approval marks its submission there), its value in the audit's
    before-image."""
    _, dataset, new_ids = checked_registration(driver, database, operation, registration,
                                               allow_duplicate)
    initiative_id = dataset.rows("initiatives")[0]["id"]
    targets = [entity_id for _, _, entity_id in new_ids]

    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        for table, item, entity_id in new_ids:
            _guard(read_entity(tx, database, entity_id) is None, bad_input([_exists_problem(
                operation, table, item, entity_id, msg("problem.exists.meanwhile"))]))
        before = also(tx, initiative_id) if also is not None else None
        return before, _Written(write_in(tx, dataset, f"mutation {operation}"))

    def after(tx: neo4j.ManagedTransaction) -> Any:
        image = _image(tx, database, initiative_id)
        return {"initiative": image,
                "firms": [_image(tx, database, r["id"]) for r in dataset.rows("firms")],
                "institutions": [_image(tx, database, r["id"])
                                 for r in dataset.rows("institutions")],
                **{kind.table: [read_link(tx, database, kind, (r[kind.ends[0]], r[kind.ends[1]]))
                                for r in dataset.rows(kind.table)]
                   for kind in (LinkKind.PARTICIPATION, LinkKind.GOVERNANCE, LinkKind.SUPPORT)}}

    return commit(driver, database, who, operation, targets, work, after,
                  node_id=initiative_id)
