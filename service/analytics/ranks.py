"""Competition ranking ("1224"): tied items share the best rank, and the next rank skips."""

from collections.abc import Hashable, Iterable


def competition_ranks(keys: Iterable[Hashable]) -> list[int]:
    """The rank of each item, given the items' sort keys best first: an item's rank is one
    more than the number of items before it with another key (1, 2, 2, 4)."""
    ranks: list[int] = []
    previous: Hashable = object()
    for position, key in enumerate(keys, start=1):
        ranks.append(ranks[-1] if ranks and key == previous else position)
        previous = key
    return ranks
