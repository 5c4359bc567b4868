"""The audit trail: who changed what, when, before and after; for ADMIN keys only."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from service.access import Role
from service.api.context import Info
from service.api.pagination import Connection, Edge, PageInfo
from service.errors import BadUserInput
from service.messages import msg


@strawberry.type(description="One write: a mutation, a dataset loaded, scores persisted, or "
                             "a command-line write (role `cli`).")
class AuditEntry:
    id: strawberry.ID
    at: datetime = strawberry.field(description="When the change committed (UTC).")
    key_id: str | None = strawberry.field(description="The id of the API key that made it.")
    role: str | None = strawberry.field(
        description="That key's role at the time, or `cli` for the `articula` command.")
    user: str | None = strawberry.field(
        description="The operating-system user who ran the `articula` command; null for the "
        "API.")
    operation: str = strawberry.field(
        description="The mutation's name; `load`; `persist` (scores of centrality or "
        "communities); or the command: `db init`, `db reset`, `db restore`, `keys create`, "
        "`keys revoke`.")
    targets: list[strawberry.ID] = strawberry.field(description="The ids it wrote.")
    before: JSON | None = strawberry.field(description="What they were; null when new.")
    after: JSON | None = strawberry.field(description="What they became; null when deleted.")
    graph_version: int | None = strawberry.field(
        description="The graph version after the change; null when nothing changed.")


def _json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def entry_from(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=strawberry.ID(row["id"]), at=row["at"].to_native(), key_id=row.get("keyId"),
        role=row.get("role"), user=row.get("user"), operation=row["operation"],
        targets=[strawberry.ID(t) for t in row.get("targets") or []],
        before=_json(row.get("before")), after=_json(row.get("after")),
        graph_version=row.get("graphVersion"),
    )


@strawberry.type
class AuditQuery:
    @strawberry.field(description="The audit trail, newest first; ADMIN keys only. A cursor is "
                      "an entry's id, so pages stay put while new entries arrive.")
    async def audit_trail(
        self, info: Info,
        first: Annotated[int, strawberry.argument(
            description="At most this many entries (0 to the page size limit).")] = 50,
        after: Annotated[str | None, strawberry.argument(
            description="Continue after this entry (`pageInfo.endCursor`).")] = None,
        target: Annotated[strawberry.ID | None, strawberry.argument(
            description="Only entries that wrote this id.")] = None,
        key_id: Annotated[str | None, strawberry.argument(
            description="Only entries made with this key.")] = None,
    ) -> Connection[AuditEntry]:
        info.context.principal.require(Role.ADMIN, "auditTrail")
        db = info.context.db
        largest = db.settings.max_page_size
        if not 0 <= first <= largest:
            raise BadUserInput(msg("error.between_not", name="first", low=0, high=largest,
                                   value=first),
                               argument="first", value=first)
        if after is not None and not (await db.read("mutations/audit_cursor", id=after)
                                      )[0]["found"]:
            raise BadUserInput(msg("error.audit.cursor", cursor=after),
                               argument="after", value=after)
        filters = {"target": target, "keyId": key_id}
        rows = await db.read("mutations/audit_trail", after=after, limit=first + 1, **filters)
        entries = [entry_from(row["entry"]) for row in rows[:first]]
        edges = [Edge(cursor=str(entry.id), node=entry) for entry in entries]

        async def count() -> int:
            return int((await db.read("mutations/audit_count", **filters))[0]["count"])

        return Connection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > first, has_previous_page=after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            count=count,
        )
