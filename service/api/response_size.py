"""The size of a GraphQL answer, counted while execution builds it, and the refusal past the
limit (ARTICULA_MAX_RESPONSE_BYTES).

Every field adds its key (`"name":` and a separator) and every value its JSON text: a
string its characters, escapes and quotes, a number its digits, a JSON value (a network's
Cytoscape elements) its serialised length; brackets and the commas between list items are
left out, so the count is a little below the answer's size. As soon as it passes the limit
the execution stops with RESPONSE_TOO_LARGE and drops what it built: no answer is ever held
much beyond the limit.
"""

from __future__ import annotations

import json
from typing import Any

from service.errors import ResponseTooLarge
from service.messages import msg

KEY_OVERHEAD = 4  # the quotes and colon around a key, and the comma after its value


class ResponseBudget:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0

    def add(self, size: int) -> None:
        self.size += size
        if self.size > self.limit:
            raise ResponseTooLarge(
                msg("error.response_too_large", limit=self.limit),
                limit=self.limit,
            )

    def add_key(self, key: str | int) -> None:
        self.add(len(key) + KEY_OVERHEAD if type(key) is str else 1)

    def add_value(self, value: Any) -> None:
        self.add(json_size(value))


def json_size(value: Any) -> int:
    """The length of `value` as compact JSON, non-ASCII text escaped as the answer sends it
    (escapes of quotes and control characters in ASCII text aside)."""
    kind = type(value)
    if kind is str:
        return len(value) + 2 if value.isascii() else len(json.dumps(value))
    if kind is bool:
        return 5
    if kind is int or kind is float:
        return len(repr(value))
    if value is None:
        return 4
    return len(json.dumps(value, separators=(",", ":"), default=str))
