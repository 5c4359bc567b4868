"""The named projections of the graph that analyses run on; docs/projections.md explains each.

Every projection is one Cypher statement in `cypher/network/`, parameterized by a scope,
returning edge rows (source id, target id, type, weight); its nodes are the in-scope nodes
carrying its labels (`network/nodes`), isolated ones included. `network/graph` returns both
for one projection in a single statement.
"""

from dataclasses import dataclass
from enum import StrEnum


class Projection(StrEnum):
    FULL = "FULL"
    ACTORS = "ACTORS"
    INITIATIVES = "INITIATIVES"
    GOVERNANCE = "GOVERNANCE"
    SUPPLY = "SUPPLY"


class NodeLabel(StrEnum):
    INITIATIVE = "Initiative"
    FIRM = "Firm"
    INSTITUTION = "Institution"
    PROGRAM = "Program"


@dataclass(frozen=True)
class ProjectionSpec:
    statement: str  # catalogue name of the edge statement
    labels: tuple[NodeLabel, ...]
    directed: bool
    description: str


SPECS: dict[Projection, ProjectionSpec] = {
    Projection.FULL: ProjectionSpec(
        "network/full", tuple(NodeLabel), False,
        "Every in-scope initiative, firm, institution and programme, and every in-scope "
        "relationship between them (PARTICIPATES_IN, GOVERNS, RUNS, SUPPORTS, SUPPLIES, "
        "COLLABORATES_WITH, AGREEMENT_WITH), one edge each; undirected; weight 1, SUPPLIES "
        "carries its own weight. Territories and sectors are never nodes."),
    Projection.ACTORS: ProjectionSpec(
        "network/actors", (NodeLabel.FIRM, NodeLabel.INSTITUTION), False,
        "Firms and institutions; two are linked (type SHARES_INITIATIVES) when both take part "
        "in (PARTICIPATES_IN or GOVERNS) the same in-scope initiative; weight = number of "
        "initiatives shared; undirected."),
    Projection.INITIATIVES: ProjectionSpec(
        "network/initiatives", (NodeLabel.INITIATIVE,), False,
        "Initiatives; two are linked when in-scope actors take part in both or when they "
        "collaborate; weight = shared actors + collaborations; type SHARES_ACTORS, "
        "COLLABORATES_WITH or SHARES_ACTORS_AND_COLLABORATES; undirected."),
    Projection.GOVERNANCE: ProjectionSpec(
        "network/governance", (NodeLabel.INITIATIVE, NodeLabel.INSTITUTION), False,
        "Institutions and initiatives; GOVERNS seats (institution to initiative) and "
        "AGREEMENT_WITH between institutions, one edge each; weight 1; undirected."),
    Projection.SUPPLY: ProjectionSpec(
        "network/supply", (NodeLabel.FIRM,), True,
        "Firms; SUPPLIES from supplier to client, directed; weight = the relationship's "
        "weight (share of the supplier's sales), 1 when it has none."),
}
