"""Audit entries: who wrote, when, what. Mutations write theirs in their own transaction
(service.writes); the writes that commit on their own (loads, `persist`, the command
line's maintenance) record one right after they commit, through `record`."""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import neo4j

from loaders.problems import SHOWN
from service.cypher_catalog import cypher
from service.database import Database, translated_errors

if TYPE_CHECKING:
    from loaders.writer import LoadSummary

CLI = "cli"  # the role of writes made with the `articula` command


@dataclass(frozen=True)
class Who:
    """Whoever made a write: an API key (id and role), or `cli` and the operating-system user."""

    key_id: str | None
    role: str | None
    user: str | None = None

    @classmethod
    def command_line(cls) -> Who:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no name for this uid (e.g. a bare container)
            user = None
        return cls(None, CLI, user)


def as_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def parameters(who: Who, operation: str, *, targets: list[str] | None = None,
               before: Any = None, after: Any = None, load: str | None = None,
               version: int | None = None) -> dict[str, Any]:
    """The parameters of `mutations/audit`."""
    return {"keyId": who.key_id, "role": who.role, "user": who.user, "operation": operation,
            "targets": targets or [], "before": as_json(before), "after": as_json(after),
            "load": load, "version": version}


def load_summary(summary: LoadSummary) -> dict[str, Any]:
    """A load as its audit entry (and `POST /admin/load`) tells it."""
    return {
        "loadId": summary.load_id if summary.created or summary.updated else None,
        "source": summary.source, "rows": summary.rows, "created": summary.created,
        "updated": summary.updated, "graphVersion": summary.graph_version,
        "counts": {label: {"created": c.created, "updated": c.updated}
                   for label, c in summary.counts.items()},
        "likelyDuplicates": len(summary.warnings),
        "warnings": [str(warning) for warning in summary.warnings[:SHOWN]],
    }


def record(driver: neo4j.Driver, database: str, who: Who, operation: str, *,
           targets: list[str] | None = None, after: Any = None, load: str | None = None,
           version: int | None = None) -> str:
    """Record a write that committed on its own; the entry's id."""
    records, _, _ = driver.execute_query(
        cypher("mutations/audit"),
        parameters(who, operation, targets=targets, after=after, load=load, version=version),
        database_=database)
    return str(records[0]["id"])


async def record_async(db: Database, who: Who, operation: str, *, after: Any = None,
                       version: int | None = None) -> str:
    """`record` over the service's asynchronous driver."""
    with translated_errors(db.settings):
        records, _, _ = await db.driver.execute_query(
            cypher("mutations/audit"), parameters(who, operation, after=after, version=version),
            database_=db.settings.neo4j_database)
    return str(records[0]["id"])
