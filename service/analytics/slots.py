"""How many analytic computations each caller may have running at once.

A caller is an API key, or the client's address for requests without one. A computation
(projecting a graph, running an algorithm, a whole brokerage or gap analysis) takes one of
the caller's ARTICULA_MAX_CONCURRENT_ANALYSES slots while it runs; one more is refused at
once with BUSY and `retryAfter`, instead of waiting in a queue that has no end. An answer
from the result cache, or joining an identical computation already under way, takes none,
and a computation started within another (the betweenness behind a gap analysis) runs in
its parent's slot.

Slots are counted per process: N workers let a caller run N times as many.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from service.database import Database
from service.errors import Busy
from service.messages import Message, msg

RETRY_AFTER_S = 5
"""The hint given with BUSY: about what a typical computation on 100k actors takes."""

caller: ContextVar[str | None] = ContextVar("articula_caller", default=None)
"""Who the current request speaks for (`key:<id>` or `address:<host>`); unset outside one."""
_holding: ContextVar[bool] = ContextVar("articula_holding_slot", default=False)

_running: weakref.WeakKeyDictionary[Database, Counter[str]] = weakref.WeakKeyDictionary()


def take_slot(db: Database, what: Message) -> Callable[[], None]:
    """Take one of the current caller's slots and return what releases it; Busy when none is
    free. Takes none outside a request, or within a computation that holds one already."""
    who = caller.get()
    if who is None or _holding.get():
        return _nothing
    running = _running.setdefault(db, Counter())
    limit = db.settings.max_concurrent_analyses
    if running[who] >= limit:
        raise Busy(
            msg("error.busy", running=running[who], limit=limit, what=what,
                retry=RETRY_AFTER_S),
            retryAfter=RETRY_AFTER_S, limit=limit,
        )
    running[who] += 1
    released = False

    def release() -> None:
        nonlocal released
        if not released:
            released = True
            running[who] -= 1
            if running[who] <= 0:
                del running[who]

    return release


@contextmanager
def holding_slot() -> Iterator[None]:
    """Within the block (and in tasks created in it), computations run in the slot taken."""
    token = _holding.set(True)
    try:
        yield
    finally:
        _holding.reset(token)


@contextmanager
def analysis_slot(db: Database, what: Message) -> Iterator[None]:
    """Hold one of the current caller's slots while the block runs (see `take_slot`)."""
    release = take_slot(db, what)
    try:
        with holding_slot():
            yield
    finally:
        release()


def _nothing() -> None:
    return None
