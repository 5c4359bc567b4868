"""Articula's errors: one root carrying a machine-readable `code`, a class per kind."""

from typing import Any, ClassVar


class ArticulaError(Exception):
    """An error a user may see as is; `code` goes to GraphQL's `extensions.code`."""

    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, **self.details}


class DatabaseUnavailable(ArticulaError):
    code = "DATABASE_UNAVAILABLE"


class DatabaseAuthError(ArticulaError):
    code = "DATABASE_AUTH"


class GdsMissing(ArticulaError):
    code = "GDS_UNAVAILABLE"


class LocalServerError(ArticulaError):
    code = "LOCAL_SERVER"
