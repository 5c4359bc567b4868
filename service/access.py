"""API keys and roles: who is asking, and what they may do.

A key reads `ak_<id>.<secret>`; Neo4j keeps its id, name, role and the SHA-256 of the
secret (keys are 256 random bits, so a fast hash is safe), never the secret itself.
Requests send `Authorization: Bearer <key>`; without one they are anonymous readers,
unless ARTICULA_ANONYMOUS_READ is off.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

import neo4j

from service.audit import Who
from service.cypher_catalog import cypher
from service.database import Database
from service.errors import ArticulaError, BadUserInput, Forbidden, NotFound, Unauthenticated
from service.messages import msg

PREFIX = "ak_"


class Role(enum.IntEnum):
    """Each role may do what the ones below it may."""

    READER = 1
    EDITOR = 2
    ADMIN = 3


@dataclass(frozen=True)
class Principal:
    """Who a request speaks for: a key's role, an anonymous reader, or a refusal to explain."""

    role: Role | None
    key_id: str | None = None
    refusal: ArticulaError | None = None
    anonymous: bool = False  # a request without a key, reading as READER

    def require(self, role: Role, action: str) -> None:
        """Raise Unauthenticated or Forbidden unless this principal may do `action`; a caller
        without a key is Unauthenticated for whatever reading does not cover."""
        if self.refusal is not None:
            raise self.refusal
        if self.role is None or (self.anonymous and self.role < role):
            raise Unauthenticated(
                msg("error.access.needs_key_role", action=action, role=role.name)
                if self.anonymous else msg("error.access.needs_key", action=action))
        if self.role < role:
            raise Forbidden(msg("error.access.needs_role", action=action, role=role.name,
                                has=self.role.name))

    def may(self, role: Role) -> bool:
        return self.refusal is None and self.role is not None and self.role >= role

    @property
    def who(self) -> Who:
        """This principal in an audit entry."""
        return Who(self.key_id, self.role.name if self.role is not None else None)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_key(key: str) -> tuple[str, str]:
    """(id, secret) of a key; Unauthenticated when it is not shaped like one."""
    body = key.removeprefix(PREFIX)
    key_id, dot, secret = body.partition(".")
    if not key.startswith(PREFIX) or not dot or not key_id or not secret:
        raise Unauthenticated(msg("error.access.malformed_key"))
    return key_id, secret


async def authenticate(authorization: str | None, db: Database, anonymous_read: bool) -> Principal:
    """The principal behind an Authorization header value (or its absence)."""
    if not authorization:
        if anonymous_read:
            return Principal(Role.READER, anonymous=True)
        return Principal(None, refusal=Unauthenticated(msg("error.access.anonymous_off")))
    scheme, _, key = authorization.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return Principal(None, refusal=Unauthenticated(msg("error.access.bad_header")))
    try:
        key_id, secret = parse_key(key.strip())
    except Unauthenticated as refusal:
        return Principal(None, refusal=refusal)
    rows = await db.read("keys/find", id=key_id)
    if not rows or not hmac.compare_digest(rows[0]["hash"], _hash(secret)):
        return Principal(None, refusal=Unauthenticated(msg("error.access.unknown_key")))
    if rows[0]["revoked"]:
        return Principal(None, refusal=Unauthenticated(msg("error.access.revoked_key",
                                                                    id=key_id)))
    return Principal(Role[rows[0]["role"]], key_id=key_id)


@dataclass(frozen=True)
class NewKey:
    id: str
    name: str
    role: Role
    key: str  # shown once, never stored


def create_key(driver: neo4j.Driver, database: str, name: str, role: str) -> NewKey:
    if role not in Role.__members__:
        raise BadUserInput(msg("error.access.unknown_role", role=role,
                               roles=list(Role.__members__)))
    if not name.strip():
        raise BadUserInput(msg("error.access.key_name"))
    key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    driver.execute_query(
        cypher("keys/create"), id=key_id, name=name.strip(), role=role, hash=_hash(secret),
        database_=database,
    )
    return NewKey(key_id, name.strip(), Role[role], f"{PREFIX}{key_id}.{secret}")


def list_keys(driver: neo4j.Driver, database: str) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(cypher("keys/list"), database_=database)
    return [record.data() for record in records]


def revoke_key(driver: neo4j.Driver, database: str, key_id: str) -> str:
    """Revoke key `key_id`; return when it was revoked."""
    records, _, _ = driver.execute_query(cypher("keys/revoke"), id=key_id, database_=database)
    if not records:
        raise NotFound(msg("error.access.no_key", id=key_id))
    return str(records[0]["revokedAt"])
