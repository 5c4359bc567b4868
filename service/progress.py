"""Progress of long work (a load's writing, a dump, a restore, a generated dataset): a bar
on a terminal, and on anything else (a log file, a pipe) a line every `every` seconds and
one at the end, each with what is done, the rate and the time left."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, TextIO

from tqdm import tqdm

from service.messages import say

EVERY_S = 10.0


class Progress:
    """`total` units of `what` (worded by the caller, e.g. "writing") counted in `unit`."""

    def __init__(self, what: str, total: int, unit: str, *, enabled: bool = True,
                 stream: TextIO | None = None, every: float = EVERY_S) -> None:
        self.what, self.total, self.unit = what, total, unit
        self.stream = stream if stream is not None else sys.stderr
        self.every = every
        self.enabled = enabled
        self.done = 0
        self.began = self.said = time.monotonic()
        self.bar: tqdm[Any] | None = None
        if enabled and _terminal(self.stream):
            self.bar = tqdm(total=total, unit=f" {unit}", desc=what, file=self.stream,
                            leave=False, unit_scale=True)

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.enabled and time.monotonic() - self.said >= self.every:
            self._line()

    def reset(self) -> None:
        """Count again from zero (the work starts over, as a retried transaction does)."""
        self.done = 0
        if self.bar is not None:
            self.bar.reset()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled and self.done:
            self._line()

    def _line(self) -> None:
        now = time.monotonic()
        self.said = now
        elapsed = max(now - self.began, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 and self.total else None
        text = say("cli.progress", what=self.what, done=self.done, total=self.total,
                   unit=self.unit,
                   percent=round(100 * self.done / self.total) if self.total else 100,
                   rate=round(rate), elapsed=round(elapsed))
        if left is not None and self.done < self.total:
            text += say("cli.progress_left", left=round(left))
        print(text, file=self.stream, flush=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
