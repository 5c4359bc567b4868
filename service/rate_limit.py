"""A sliding-window rate limit per caller, kept in the process: at most `limit` events in
any `window_s` seconds. It turns a burst away before it reaches the database; the count that
holds across worker processes is the database's (service.submissions)."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable


class SlidingWindow:
    def __init__(self, limit: int, window_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._swept = clock()

    def hit(self, caller: str) -> int | None:
        """Count one event of `caller`; None when it is within the limit, else the whole
        seconds until the caller may try again (nothing is counted then)."""
        now = self._clock()
        with self._lock:
            events = self._events.setdefault(caller, deque())
            while events and events[0] <= now - self.window_s:
                events.popleft()
            if len(events) >= self.limit:
                return max(1, math.ceil(events[0] + self.window_s - now))
            events.append(now)
            self._forget(now)
            return None

    def _forget(self, now: float) -> None:
        """Once a window, drop the callers whose every event has left it, so that memory
        follows the callers of the last two windows only."""
        if now < self._swept + self.window_s:
            return
        self._swept = now
        for caller in [c for c, e in self._events.items() if e[-1] <= now - self.window_s]:
            del self._events[caller]
