"""Warnings that a result, true to its algorithm, tells an analyst nothing about the network's
structure: a stable code and the counts behind it, for clients to put in their own words."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class WarningCode(StrEnum):
    TRIVIAL_PARTITION = "TRIVIAL_PARTITION"


class TrivialKind(StrEnum):
    COMPONENTS = "COMPONENTS"  # one community per connected component
    SINGLETONS = "SINGLETONS"  # every node a community of its own


@dataclass(frozen=True)
class ResultWarning:
    code: WarningCode
    parameters: dict[str, Any] = field(default_factory=dict)


def trivial_partition(communities: int, components: int, nodes: int) -> ResultWarning | None:
    """TRIVIAL_PARTITION when a partition of `nodes` nodes into `communities` is every node
    alone, or one community per connected component (`components` of them); else None.

    Louvain, Leiden and label propagation only join nodes along relationships, so each of their
    communities lies within one component: as many communities as components is then one
    community per component.
    """
    if nodes < 2:
        return None
    if communities == nodes:
        kind = TrivialKind.SINGLETONS
    elif communities == components:
        kind = TrivialKind.COMPONENTS
    else:
        return None
    return ResultWarning(WarningCode.TRIVIAL_PARTITION, {
        "partition": kind.value, "communities": communities, "components": components,
        "nodes": nodes})
