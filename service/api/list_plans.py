"""How a filtered list is read: the name index in order, stopping once the page is full, or
the nodes its narrowest filter leads to (a territory or sector subtree, or the ids a search
found), filtered and sorted. Every plan gives the same page; estimates only choose the one
that reads least.

The estimates: how many nodes the list's label has, and which share of the LOCATED_IN (or
IN_SECTOR) relationships end below the filter's codes, read from the degrees of the
territories and sectors (`entities/filter_codes`). Filters are taken as independent.
"""

from __future__ import annotations

import math
import time
import weakref
from dataclasses import dataclass
from typing import Any

from service.database import Database

SCAN_ROW_COST = 20.0
"""What a node read along the name index costs when a territory or sector filter tests it
(its LOCATED_IN or IN_SECTOR chain up to the codes), against a node read down from the
codes: 17 to 30 times the database hits at 100k actors (BENCHMARKS.md), 20 leaning to the
name index, which stops as soon as the page is full."""
SIZES_TTL_S = 60.0
"""How long the label and relationship counts are kept: they steer the plan, never the
answer, so counts a minute old are as good."""
STARTS = ("ALL", "KEYS", "TERRITORIES", "SECTORS")
TOTALS = {"initiatives": ("initiatives",), "firms": ("firms",),
          "institutions": ("institutions",), "actors": ("firms", "institutions")}
"""The lists read through a start, and the counts their totals add up."""


@dataclass(frozen=True)
class Below:
    """Relationships that end below a filter's codes: LOCATED_IN in the territory subtrees,
    IN_SECTOR in the sector subtrees; None where the filter has no such codes."""

    located: int | None = None
    in_sector: int | None = None


@dataclass(frozen=True)
class Plan:
    statement: str  # entities/<list>_page_by_name, _page or _count
    start: str  # one of STARTS: where the statement reads its nodes from


@dataclass(frozen=True)
class _Sizes:
    counts: dict[str, int]
    at: float


_sizes: weakref.WeakKeyDictionary[Database, _Sizes] = weakref.WeakKeyDictionary()


async def sizes(db: Database) -> dict[str, int]:
    """Nodes per label and LOCATED_IN / IN_SECTOR relationships, at most SIZES_TTL_S old."""
    kept = _sizes.get(db)
    if kept is None or time.monotonic() - kept.at > SIZES_TTL_S:
        row = (await db.read("entities/list_sizes"))[0]
        kept = _Sizes({k: int(v) for k, v in row.items()}, time.monotonic())
        _sizes[db] = kept
    return kept.counts


def choose(total: int, located: int, in_sector: int, keys: int | None, below: Below,
           window: int | None) -> str | None:
    """The start that reads least; None when the name index in order reads less (`window`:
    the rows a page by name needs, offset included; None for a count or another order)."""
    reads = {"ALL": float(total)}
    shares = []
    if keys is not None:
        reads["KEYS"] = float(keys)
        shares.append(keys / total if total else 0.0)
    for start, found, of in (("TERRITORIES", below.located, located),
                             ("SECTORS", below.in_sector, in_sector)):
        if found is not None:
            share = min(1.0, found / of) if of else 0.0
            reads[start] = share * total
            shares.append(share)
    start = min(STARTS, key=lambda s: reads.get(s, math.inf))  # ties: the first in STARTS
    if window is None:
        return start
    share = math.prod(shares)
    cost = SCAN_ROW_COST if (below.located is not None or below.in_sector is not None) else 1.0
    scanned = window / share if share > 0 else math.inf
    if start == "ALL" or cost * min(scanned, total) <= reads[start]:
        return None
    return start


async def plan(db: Database, name: str, parameters: dict[str, Any], below: Below,
               window: int | None) -> Plan:
    """How list `name` (entities/<name>_...) is read: a page when `window` (offset + rows)
    is given, else its count."""
    by_name = parameters.get("orderBy") == "NAME" and not parameters.get("descending")
    if name not in TOTALS:
        if window is None:
            return Plan(f"entities/{name}_count", "ALL")
        return Plan(f"entities/{name}_page_by_name" if by_name else f"entities/{name}_page",
                    "ALL")
    counts = await sizes(db)
    keys = parameters.get("keys")
    start = choose(sum(counts[k] for k in TOTALS[name]), counts["located"],
                   counts["inSector"], None if keys is None else len(keys), below,
                   window if by_name else None)
    if window is None:
        return Plan(f"entities/{name}_count", start or "ALL")
    if start is None:
        return Plan(f"entities/{name}_page_by_name", "ALL")
    return Plan(f"entities/{name}_page", start)
