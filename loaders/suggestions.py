"""Did you mean: the known values closest to a refused one, when they are close enough to be
a slip of the keyboard (a letter wrong, missing, extra or two swapped)."""

from collections.abc import Iterable

from rapidfuzz.distance import OSA

MOST = 3  # suggestions offered at once


def allowed(length: int) -> int:
    """How many edits a value of `length` characters may be from what it meant."""
    return 1 if length <= 4 else 2 if length <= 9 else 3


def closest(text: str, candidates: Iterable[str]) -> list[str]:
    """The candidates nearest to `text` (at most MOST, in the order given), if any is within
    the allowed edits; none when `text` is itself a candidate."""
    limit = allowed(len(text))
    best: list[str] = []
    nearest = limit + 1
    for candidate in candidates:
        # edits: insertion, deletion, substitution, swap of neighbours; past the cutoff, cutoff + 1
        found = OSA.distance(text, candidate, score_cutoff=min(limit, nearest))
        if found == 0:
            return []
        if found < nearest:
            best, nearest = [candidate], found
        elif found == nearest and found <= limit and candidate not in best:
            best.append(candidate)
    return best[:MOST] if nearest <= limit else []
