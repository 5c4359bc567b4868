"""Articula's errors: one root carrying a machine-readable `code`, a class per kind."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from service.messages import Message


class ArticulaError(Exception):
    """An error a user may see as is; `code` goes to GraphQL's `extensions.code`. Its
    message is worded from the catalogues in the language of the request that raised it."""

    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: Message | str, **details: Any) -> None:
        text = message.render() if isinstance(message, Message) else message
        super().__init__(text)
        self.message = text
        self.source = message if isinstance(message, Message) else None
        self.details = details

    def reworded(self) -> ArticulaError:
        """This error worded in the current language (for a request that shares another's
        computation and its failure)."""
        if self.source is None:
            return self
        again = copy.copy(self)
        again.message = self.source.render()
        again.args = (again.message,)
        return again

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, **self.details}


class DatabaseUnavailable(ArticulaError):
    code = "DATABASE_UNAVAILABLE"


class WriteOutcomeUnknown(ArticulaError):
    """Neo4j went away while a write was committing: it may or may not have been written."""

    code = "WRITE_OUTCOME_UNKNOWN"


class LikelyDuplicate(ArticulaError):
    """A write would add a firm, institution or initiative that is likely one already there."""

    code = "LIKELY_DUPLICATE"


class DatabaseAuthError(ArticulaError):
    code = "DATABASE_AUTH"


class GdsMissing(ArticulaError):
    code = "GDS_UNAVAILABLE"


class LocalServerError(ArticulaError):
    code = "LOCAL_SERVER"


class BadUserInput(ArticulaError):
    """An argument the caller can fix: unknown code, bad cursor, page too large."""

    code = "BAD_USER_INPUT"


class NotFound(ArticulaError):
    """The operation needs a node that does not exist."""

    code = "NOT_FOUND"


class QueryTooComplex(ArticulaError):
    """The query would cost more than the service's limits allow."""

    code = "QUERY_TOO_COMPLEX"


class DatabaseTimeout(ArticulaError):
    """Neo4j stopped a transaction that ran past the configured timeout."""

    code = "DATABASE_TIMEOUT"


class Unauthenticated(ArticulaError):
    """No valid API key where one is needed, or a key that is unknown or revoked."""

    code = "UNAUTHENTICATED"


class Forbidden(ArticulaError):
    """A valid key whose role does not allow the operation."""

    code = "FORBIDDEN"


class MethodNotAllowed(ArticulaError):
    """A write asked for with GET, which never writes (a link or a page could send it)."""

    code = "METHOD_NOT_ALLOWED"


class MemoryLimit(ArticulaError):
    """An analytic whose memory estimate exceeds what the graph engine has free, or work
    Neo4j refused for want of transaction memory."""

    code = "MEMORY_LIMIT"


class QueryTimeout(ArticulaError):
    """An analytic that ran past ARTICULA_ANALYTICS_TIMEOUT and was stopped."""

    code = "QUERY_TIMEOUT"


class ResponseTooLarge(ArticulaError):
    """An answer that grew past ARTICULA_MAX_RESPONSE_BYTES while it was being built."""

    code = "RESPONSE_TOO_LARGE"


class Busy(ArticulaError):
    """The caller already runs as many analytic computations as it may at once."""

    code = "BUSY"


class RateLimited(ArticulaError):
    """A caller that made as many submissions as it may in the window; `retryAfter` says in
    how many seconds it may send again."""

    code = "RATE_LIMITED"
