"""The named projections of the graph that analyses run on; docs/projections.md explains each.

Every projection is one Cypher statement in `cypher/network/`, parameterized by a scope,
returning edge rows (source id, target id, type, weight); its nodes are the in-scope nodes
carrying its labels (`network/nodes`), isolated ones included. `network/graph` returns both
for one projection in a single statement.

The unscoped graph of FULL, GOVERNANCE and SUPPLY is also a plain cut of the store (its
labels, its relationship types as stored), which GDS can project natively (`NativeForm`)
at a fraction of a Cypher projection's cost; ACTORS and INITIATIVES are pairings derived
through initiatives (actors), which only their statement computes. ACTORS pairs every two
members of an initiative, tens of millions of pairs in one country of a large database, so
its analytics graph is projected by a statement that streams the pairs into GDS
(`InPlaceForm`), after an estimate of the graph's memory.
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


class RelationshipType(StrEnum):
    PARTICIPATES_IN = "PARTICIPATES_IN"
    GOVERNS = "GOVERNS"
    RUNS = "RUNS"
    SUPPORTS = "SUPPORTS"
    SUPPLIES = "SUPPLIES"
    COLLABORATES_WITH = "COLLABORATES_WITH"
    AGREEMENT_WITH = "AGREEMENT_WITH"
    LOCATED_IN = "LOCATED_IN"
    IN_SECTOR = "IN_SECTOR"
    PART_OF = "PART_OF"
    CORRESPONDS_TO = "CORRESPONDS_TO"  # a national sector code to its ISIC Rev.4 code(s)


PLACES = frozenset({RelationshipType.LOCATED_IN, RelationshipType.IN_SECTOR,
                    RelationshipType.PART_OF, RelationshipType.CORRESPONDS_TO})
"""Types that end at a territory or sector (or join two of them): never between two nodes
of a projection."""


@dataclass(frozen=True)
class NativeForm:
    """The unscoped projection as GDS's native projection reads it: the projection's labels
    and these stored relationship types, weight = the stored `weight` (1 when absent), each
    pair's relationships summed into one, undirected unless the projection is directed.
    `merged`: the types may join the same pair (an institution that participates in and
    governs an initiative), so they are read as one GDS type through `*`, which holds only
    while no other type joins two nodes of the projection's labels."""

    types: tuple[RelationshipType, ...]
    merged: bool = False


@dataclass(frozen=True)
class InPlaceForm:
    """A projection whose graph is projected into GDS by one statement that derives its
    edges as it goes (`statement`, taking the scope and `$graph`): its rows never leave the
    database, so their count is bounded by GDS's memory alone, which `estimate` (taking the
    scope) gives beforehand as bytesMin, bytesMax, requiredMemory and `pairs`."""

    statement: str
    estimate: str


@dataclass(frozen=True)
class ProjectionSpec:
    statement: str  # catalogue name of the edge statement
    labels: tuple[NodeLabel, ...]
    directed: bool
    description: str
    native: NativeForm | None = None
    in_place: InPlaceForm | None = None


SPECS: dict[Projection, ProjectionSpec] = {
    Projection.FULL: ProjectionSpec(
        "network/full", tuple(NodeLabel), False,
        "Every in-scope initiative, firm, institution and programme, and every in-scope "
        "relationship between them (PARTICIPATES_IN, GOVERNS, RUNS, SUPPORTS, SUPPLIES, "
        "COLLABORATES_WITH, AGREEMENT_WITH), one edge each; undirected; weight 1, SUPPLIES "
        "carries its own weight. Territories and sectors are never nodes.",
        NativeForm(tuple(t for t in RelationshipType if t not in PLACES), merged=True)),
    Projection.ACTORS: ProjectionSpec(
        "network/actors", (NodeLabel.FIRM, NodeLabel.INSTITUTION), False,
        "Firms and institutions; two are linked (type SHARES_INITIATIVES) when both take part "
        "in (PARTICIPATES_IN or GOVERNS) the same in-scope initiative; weight = number of "
        "initiatives shared; undirected.",
        in_place=InPlaceForm("analytics/project_actors", "analytics/estimate/actors_graph")),
    Projection.INITIATIVES: ProjectionSpec(
        "network/initiatives", (NodeLabel.INITIATIVE,), False,
        "Initiatives; two are linked when in-scope actors take part in both or when they "
        "collaborate; weight = shared actors + collaborations; type SHARES_ACTORS, "
        "COLLABORATES_WITH or SHARES_ACTORS_AND_COLLABORATES; undirected."),
    Projection.GOVERNANCE: ProjectionSpec(
        "network/governance", (NodeLabel.INITIATIVE, NodeLabel.INSTITUTION), False,
        "Institutions and initiatives; GOVERNS seats (institution to initiative) and "
        "AGREEMENT_WITH between institutions, one edge each; weight 1; undirected.",
        NativeForm((RelationshipType.GOVERNS, RelationshipType.AGREEMENT_WITH))),
    Projection.SUPPLY: ProjectionSpec(
        "network/supply", (NodeLabel.FIRM,), True,
        "Firms; SUPPLIES from supplier to client, directed; weight = the relationship's "
        "weight (share of the supplier's sales), 1 when it has none.",
        NativeForm((RelationshipType.SUPPLIES,))),
}
