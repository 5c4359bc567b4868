"""The largest fan-out of every relationship list of the schema, as the database holds it.

A relationship list (an initiative's `participants`, an actor's `initiatives`, a territory's
`children`, ...) may hold as many items as the node with the most such relationships has:
its degree, which Neo4j reads without visiting the relationships of dense nodes. The cost
estimate multiplies by these maxima, so its bound holds for every node a query may reach.

They are read per label (a query about territories never scans the actors) and kept in the
process for one state of the graph: its version and its number of relationships (from the
count store, so that writes that leave the version as it is, like a load's batches, are seen
too). Checking that state is one small read, made only for queries that select such a list.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from service.database import Database

ListField = tuple[str, str]  # (GraphQL type, field)

ACTOR_TYPES = ("Actor", "Firm", "Institution")

STATEMENTS: dict[ListField, tuple[str, str]] = {
    **{(t, "initiatives"): ("limits/fan_out_actors", "initiatives") for t in ACTOR_TYPES},
    **{(t, "sectors"): ("limits/fan_out_actors", "sectors") for t in ACTOR_TYPES},
    ("Firm", "suppliers"): ("limits/fan_out_firms", "suppliers"),
    ("Firm", "clients"): ("limits/fan_out_firms", "clients"),
    ("Institution", "governs"): ("limits/fan_out_institutions", "governs"),
    ("Institution", "programs"): ("limits/fan_out_institutions", "programs"),
    ("Institution", "agreements"): ("limits/fan_out_institutions", "agreements"),
    ("Initiative", "participants"): ("limits/fan_out_initiatives", "participants"),
    ("Initiative", "governance"): ("limits/fan_out_initiatives", "governance"),
    ("Initiative", "supportedBy"): ("limits/fan_out_initiatives", "supportedBy"),
    ("Initiative", "collaborations"): ("limits/fan_out_initiatives", "collaborations"),
    ("Initiative", "territories"): ("limits/fan_out_initiatives", "territories"),
    ("Initiative", "sectors"): ("limits/fan_out_initiatives", "sectors"),
    ("Program", "supports"): ("limits/fan_out_programs", "supports"),
    ("Territory", "children"): ("limits/fan_out_territories", "children"),
    ("Sector", "children"): ("limits/fan_out_sectors", "children"),
    ("Sector", "correspondences"): ("limits/fan_out_sectors", "correspondences"),
}
"""Each relationship list: the statement reading its largest fan-out, and that column."""

GraphState = tuple[int, str | None, int]  # version, when it changed, relationships


@dataclass
class _Kept:
    state: GraphState | None = None
    maxima: dict[str, asyncio.Task[dict[str, int]]] = field(default_factory=dict)


_kept: weakref.WeakKeyDictionary[Database, _Kept] = weakref.WeakKeyDictionary()


async def graph_state(db: Database) -> GraphState:
    row = (await db.read("limits/graph_state"))[0]
    return int(row["version"]), row["changedAt"], int(row["relationships"])


async def fan_outs(db: Database, fields: Iterable[ListField]) -> Mapping[ListField, int]:
    """The largest fan-out of each of `fields` (relationship lists of STATEMENTS) in the
    database's current state; requests arriving together share each statement's read."""
    wanted = {f: STATEMENTS[f] for f in fields if f in STATEMENTS}
    if not wanted:
        return {}
    kept = _kept.setdefault(db, _Kept())
    state = await graph_state(db)
    if state != kept.state:
        kept.state, kept.maxima = state, {}
    tasks = kept.maxima
    statements = {s for s, _ in wanted.values()}
    for statement in statements:
        if statement not in tasks or _failed(tasks[statement]):
            tasks[statement] = asyncio.ensure_future(_maxima(db, statement))
    found = {statement: await asyncio.shield(tasks[statement]) for statement in statements}
    return {f: found[statement][column] for f, (statement, column) in wanted.items()}


def _failed(task: asyncio.Task[dict[str, int]]) -> bool:
    """A read that ended in an error is made again by the next query that needs it."""
    return task.done() and (task.cancelled() or task.exception() is not None)


async def _maxima(db: Database, statement: str) -> dict[str, int]:
    row = (await db.read(statement))[0]
    return {column: int(value or 0) for column, value in row.items()}
