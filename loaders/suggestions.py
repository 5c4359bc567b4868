"""Did you mean: the known values closest to a refused one, when they are close enough to be
a slip of the keyboard (a letter wrong, missing, extra or two swapped)."""

from collections.abc import Iterable

MOST = 3  # suggestions offered at once


def allowed(length: int) -> int:
    """How many edits a value of `length` characters may be from what it meant."""
    return 1 if length <= 4 else 2 if length <= 9 else 3


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insertion, deletion, substitution, swap of neighbours) from `a` to `b`; any
    number above `limit` is returned as limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y))
            if (before is not None and i > 1 and j > 1 and x == b[j - 2]
                    and a[i - 2] == y):
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        before, previous = previous, row
    return min(previous[-1], limit + 1)


def closest(text: str, candidates: Iterable[str]) -> list[str]:
    """The candidates nearest to `text` (at most MOST, in the order given), if any is within
    the allowed edits; none when `text` is itself a candidate."""
    limit = allowed(len(text))
    best: list[str] = []
    nearest = limit + 1
    for candidate in candidates:
        found = distance(text, candidate, min(limit, nearest))
        if found == 0:
            return []
        if found < nearest:
            best, nearest = [candidate], found
        elif found == nearest and found <= limit and candidate not in best:
            best.append(candidate)
    return best[:MOST] if nearest <= limit else []
