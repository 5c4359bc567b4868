"""coordinationGaps on the sample: every kind against the same rule applied to its CSV files."""

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import combinations
from typing import Any

import neo4j
import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from loaders.load import SAMPLE
from tests.neo4j_backends import Backend
from tests.service.api.sample_network import error_code, frame, graphql, sample_client

HELICES = {"GOVERNMENT", "ACADEMIA", "BUSINESS", "CIVIL_SOCIETY"}
SAMPLE_README = SAMPLE / "README.md"
GAPS = """
query($kinds: [GapKind!], $scope: ScopeInput, $helices: [Helix!]) {
  coordinationGaps(kinds: $kinds, scope: $scope, helices: $helices) {
    kind severity explanation nodes { id name kind } evidence
  }
}"""


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    yield from sample_client(driver, neo4j_backend)


def gaps(client: TestClient, kind: str, **variables: Any) -> list[dict[str, Any]]:
    body = graphql(client, GAPS, kinds=[kind], **variables)
    assert "errors" not in body, body["errors"]
    findings: list[dict[str, Any]] = body["data"]["coordinationGaps"]
    assert all(f["kind"] == kind and 0 < f["severity"] <= 1 and f["explanation"]
               for f in findings)
    return findings


def initiative_countries() -> dict[str, set[str]]:
    rows = frame("initiatives")
    return {r.id: {code.split("-")[0] for code in r.territory_codes.split(";")}
            for r in rows.itertuples()}


def members() -> dict[str, set[str]]:
    """Each initiative's participants and governors."""
    out: dict[str, set[str]] = defaultdict(set)
    for r in frame("participations").itertuples():
        out[r.initiative_id].add(r.actor_id)
    for r in frame("governance").itertuples():
        out[r.initiative_id].add(r.institution_id)
    return out


def test_ungoverned_initiatives_are_those_without_a_governance_row(client: TestClient) -> None:
    governed = set(frame("governance").initiative_id)
    expected = set(frame("initiatives").id) - governed
    found = gaps(client, "UNGOVERNED")
    assert {f["nodes"][0]["id"] for f in found} == expected == {"INI-CO-004"}
    participants = frame("participations")
    [finding] = found
    assert finding["evidence"]["participants"] == (participants.initiative_id == "INI-CO-004").sum()


def test_helix_names_the_helices_missing_from_participants_and_governors(
    client: TestClient,
) -> None:
    kinds = dict(zip(frame("institutions").id, frame("institutions").kind, strict=True))
    firms = set(frame("firms").id)
    expected = {}
    for initiative, actors in members().items():
        present = {"BUSINESS" if a in firms or kinds[a] == "BUSINESS_ASSOCIATION" else kinds[a]
                   for a in actors} & HELICES
        if HELICES - present:
            expected[initiative] = sorted(HELICES - present)
    found = {f["nodes"][0]["id"]: f["evidence"]["missing"] for f in gaps(client, "HELIX")}
    assert found == expected
    assert found["INI-MX-001"] == ["ACADEMIA", "CIVIL_SOCIETY"]  # the sample's deliberate gap


def test_helix_looks_only_for_the_helices_asked_for(client: TestClient) -> None:
    found = gaps(client, "HELIX", helices=["ACADEMIA"])
    assert [f["nodes"][0]["id"] for f in found] == ["INI-MX-001"]
    assert found[0]["severity"] == 1.0


def test_vertical_compares_government_levels_with_those_of_the_country(
    client: TestClient,
) -> None:
    institutions = frame("institutions").set_index("id")
    countries = initiative_countries()
    levels: dict[str, set[str]] = defaultdict(set)
    for r in frame("governance").itertuples():
        if institutions.kind[r.institution_id] == "GOVERNMENT":
            levels[r.initiative_id].add(institutions.level[r.institution_id])
    expected = {}
    for initiative in frame("initiatives").id:
        neighbours = [other for other in countries
                      if other != initiative and countries[other] & countries[initiative]]
        in_country = set().union(*(levels[other] for other in neighbours))
        missing = in_country - levels[initiative]
        if len(levels[initiative]) <= 1 or missing:
            expected[initiative] = (sorted(levels[initiative]), sorted(missing))
    found = {f["nodes"][0]["id"]: (f["evidence"]["levels"], f["evidence"]["missingLevels"])
             for f in gaps(client, "VERTICAL")}
    assert found == expected
    assert found["INI-PE-002"][0] == ["LOCAL"]  # governed by municipalities only


def test_overlap_pairs_share_territory_and_division_but_nothing_else(client: TestClient) -> None:
    isic = pd.read_csv(SAMPLE.parent / "reference" / "isic_rev4.csv", dtype=str,
                       keep_default_na=False).set_index("code")

    def division(code: str) -> str | None:
        while code and isic.level[code] not in ("DIVISION", "SECTION"):
            code = isic.parent_code[code]
        return code if code and isic.level[code] == "DIVISION" else None

    rows = frame("initiatives").set_index("id")
    divisions = {i: {division(c) for c in rows.sector_codes[i].split(";")} - {None}
                 for i in rows.index}
    places = {i: rows.territory_codes[i].split(";") for i in rows.index}
    who = members()
    collaborating = {frozenset(p) for p in zip(frame("collaborations").initiative_id,
                                               frame("collaborations").partner_initiative_id,
                                               strict=True)}
    expected = set()
    for a, b in combinations(sorted(rows.index), 2):
        overlaps = any(x.startswith(y) or y.startswith(x) for x in places[a] for y in places[b])
        if (divisions[a] & divisions[b] and overlaps and not who[a] & who[b]
                and frozenset((a, b)) not in collaborating):
            expected.add((a, b))
    found = {(f["nodes"][0]["id"], f["nodes"][1]["id"]) for f in gaps(client, "OVERLAP")}
    assert found == expected
    assert ("INI-CL-001", "INI-CL-002") in found


def test_fragmented_support_lists_the_unlinked_pairs_of_supporting_institutions(
    client: TestClient,
) -> None:
    runs = dict(zip(frame("programs").id, frame("programs").institution_id, strict=True))
    runners: dict[str, set[str]] = defaultdict(set)
    for r in frame("supports").itertuples():
        runners[r.initiative_id].add(runs[r.program_id])
    agreements = {frozenset(p) for p in zip(frame("agreements").institution_id,
                                            frame("agreements").partner_institution_id,
                                            strict=True)}
    boards: dict[str, set[str]] = defaultdict(set)
    for r in frame("governance").itertuples():
        boards[r.institution_id].add(r.initiative_id)
    expected = {}
    for initiative, institutions in runners.items():
        unlinked = [[x, y] for x, y in combinations(sorted(institutions), 2)
                    if frozenset((x, y)) not in agreements and not boards[x] & boards[y]]
        if unlinked:
            expected[initiative] = unlinked
    found = {f["nodes"][0]["id"]: f["evidence"]["unlinkedPairs"]
             for f in gaps(client, "FRAGMENTED_SUPPORT")}
    assert found == expected
    assert "INI-PE-001" in found


def test_a_scope_limits_findings_to_its_initiatives(client: TestClient) -> None:
    found = graphql(client, GAPS, scope={"countries": ["PE"]})["data"]["coordinationGaps"]
    assert found
    about_initiatives = [f for f in found if f["nodes"][0]["kind"] == "Initiative"]
    assert {f["nodes"][0]["id"][:6] for f in about_initiatives} == {"INI-PE"}
    severities = [f["severity"] for f in found]
    assert severities == sorted(severities, reverse=True)


def test_a_year_leaves_out_initiatives_not_active_then(client: TestClient) -> None:
    ids = {f["nodes"][0]["id"] for f in gaps(client, "HELIX", scope={"year": 2026})}
    assert "INI-PE-003" not in ids  # planned from 2027
    assert "INI-CL-003" not in ids  # concluded in 2020


@pytest.mark.parametrize(
    ("variables", "message"),
    [({"scope": {"territories": ["CO-XXX"]}}, "CO-XXX"),
     ({"kinds": ["NOWHERE"]}, "NOWHERE")],
)
def test_bad_arguments_are_bad_user_input(
    client: TestClient, variables: dict[str, Any], message: str
) -> None:
    body = graphql(client, GAPS, **variables)
    assert error_code(body) in {"BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}
    assert message in body["errors"][0]["message"]


def test_broker_dependencies_are_networkx_s_articulation_points_with_what_they_cut_off(
    client: TestClient,
) -> None:
    network = graphql(client, "{ network(projection: ACTORS) { nodes { id } "
                      "edges { source target } } }")["data"]["network"]
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in network["nodes"])
    graph.add_edges_from((e["source"], e["target"]) for e in network["edges"])
    expected = {}
    for point in nx.articulation_points(graph):
        component = nx.node_connected_component(graph, point)
        parts = sorted((len(c) for c in nx.connected_components(
            graph.subgraph(component - {point}))), reverse=True)
        if sum(parts[1:]) >= 2:
            expected[point] = (sum(parts[1:]), parts)
    body = graphql(client, GAPS, kinds=["BROKER_DEPENDENCY"])
    found = {f["nodes"][0]["id"]: (f["evidence"]["cutOff"], f["evidence"]["parts"])
             for f in body["data"]["coordinationGaps"]}
    assert found == expected
    assert found, "the sample's actor network has brokers others depend on"


def sole_bridges() -> dict[str, list[tuple[str, str]]]:
    """For each actor, the pairs of initiatives it alone takes part in and that do not
    collaborate, from the CSV files."""
    joined: dict[str, set[str]] = defaultdict(set)
    for initiative, actors in members().items():
        for actor in actors:
            joined[actor].add(initiative)
    shared = Counter(pair for initiatives in joined.values()
                     for pair in combinations(sorted(initiatives), 2))
    collaborating = {tuple(sorted(pair)) for pair in zip(
        frame("collaborations").initiative_id, frame("collaborations").partner_initiative_id,
        strict=True)}
    return {actor: pairs for actor, initiatives in joined.items()
            if (pairs := [pair for pair in combinations(sorted(initiatives), 2)
                          if shared[pair] == 1 and pair not in collaborating])}


def test_informal_brokers_are_sole_ties_between_initiatives_without_a_governance_seat(
    client: TestClient,
) -> None:
    governors = set(frame("governance").institution_id)
    expected = {a: pairs for a, pairs in sole_bridges().items() if a not in governors}
    found = {f["nodes"][0]["id"]: [tuple(pair) for pair in f["evidence"]["bridgedPairs"]]
             for f in gaps(client, "INFORMAL_BROKER")}
    assert found == expected
    assert found, "some actor of the sample alone ties two initiatives without a board seat"
    assert any(a in governors for a in sole_bridges()), "and some governor does too"


def test_broker_dependency_cut_off_threshold_is_met_exactly_and_missed_past_it(
    client: TestClient,
) -> None:
    query = ("query($n: Int!) { coordinationGaps(kinds: [BROKER_DEPENDENCY], "
             "brokerDependencyMinCutOff: $n) { nodes { id } evidence } }")
    everything = graphql(client, query, n=1)["data"]["coordinationGaps"]
    largest = max(f["evidence"]["cutOff"] for f in everything)
    at_largest = graphql(client, query, n=largest)["data"]["coordinationGaps"]
    assert at_largest and all(f["evidence"]["cutOff"] == largest for f in at_largest)
    assert graphql(client, query, n=largest + 1)["data"]["coordinationGaps"] == []


def test_informal_broker_min_bridges_is_met_exactly_and_missed_past_it(
    client: TestClient,
) -> None:
    query = ("query($n: Int!) { coordinationGaps(kinds: [INFORMAL_BROKER], "
             "informalBrokerMinBridges: $n) { evidence } }")
    counts = [len(f["evidence"]["bridgedPairs"])
              for f in graphql(client, query, n=1)["data"]["coordinationGaps"]]
    most = max(counts)
    at_most = graphql(client, query, n=most)["data"]["coordinationGaps"]
    assert len(at_most) == counts.count(most)
    assert graphql(client, query, n=most + 1)["data"]["coordinationGaps"] == []


def test_an_ungoverned_initiative_is_one_finding_whose_evidence_says_what_follows(
    client: TestClient,
) -> None:
    body = graphql(client, GAPS)
    assert "errors" not in body, body["errors"]
    findings = body["data"]["coordinationGaps"]
    ungoverned = {f["nodes"][0]["id"]: f["evidence"] for f in findings
                  if f["kind"] == "UNGOVERNED"}
    assert ungoverned
    assert not [f for f in findings if f["kind"] in ("VERTICAL", "HELIX")
                and f["nodes"][0]["id"] in ungoverned]
    for initiative, evidence in ungoverned.items():
        [levels] = [f["evidence"]["missingLevels"] for f in gaps(client, "VERTICAL")
                    if f["nodes"][0]["id"] == initiative]
        [helices] = [f["evidence"]["missing"] for f in gaps(client, "HELIX")
                     if f["nodes"][0]["id"] == initiative]
        assert evidence["follows"] == {"missingLevels": levels, "missingHelices": helices}


def test_white_spots_are_dense_regions_without_an_initiative_of_their_division(
    client: TestClient,
) -> None:
    regions = {r.code: r.parent_code for r in frame("territories").itertuples()}
    firms = frame("firms")
    firms["region"] = [regions.get(code, code) for code in firms.territory_code]
    firms["country"] = firms.region.str.split("-").str[0]
    cells = firms.assign(division=firms.sector_codes.str.split(";").map(
        lambda cs: sorted({c[:2] for c in cs if c[:1].isdigit()}))).explode("division")
    per_cell = cells.groupby(["country", "region", "division"]).id.nunique()
    per_region = firms.groupby("region").id.nunique()
    per_country = firms.groupby("country").id.nunique()
    per_country_division = cells.groupby(["country", "division"]).id.nunique()
    covered = set()
    for r in frame("initiatives").itertuples():
        divisions = {c[:2] for c in r.sector_codes.split(";") if c[:1].isdigit()}
        for place in r.territory_codes.split(";"):
            reached = ({regions.get(place, place)} if "-" in place
                       else set(firms.region[firms.country == place]))
            covered |= {(region, d) for region in reached for d in divisions}
    expected = {}
    for (country, region, division), n in per_cell.items():
        quotient = (n / per_region[region]) / (per_country_division[country, division]
                                               / per_country[country])
        if n >= 5 and quotient >= 1.5 and (region, division) not in covered:
            expected[region, division] = (n, quotient)
    found = {(f["nodes"][0]["id"], f["evidence"]["division"]):
             (f["evidence"]["firms"], f["evidence"]["locationQuotient"])
             for f in gaps(client, "WHITE_SPOT")}
    assert found.keys() == expected.keys() == {("CO-SAN", "15")}  # the sample's gap 6
    for cell, (n, quotient) in found.items():
        assert n == expected[cell][0]
        assert quotient == pytest.approx(expected[cell][1], abs=1e-4)


def documented_findings() -> Counter[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The rows of the sample README's table of every finding: (kind, about, detail)."""
    text = SAMPLE_README.read_text(encoding="utf-8")
    table = text.split("### Every finding of `coordinationGaps`", 1)[1]
    rows: Counter[tuple[str, tuple[str, ...], tuple[str, ...]]] = Counter()
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("| `") or len(cells) != 4:
            continue
        kind, about, detail = (re.findall(r"`([^`]+)`", c) for c in cells[:3])
        rows[kind[0], tuple(about), tuple(sorted(detail))] += 1
    return rows


def finding_row(finding: dict[str, Any]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """A finding as the README's table names it: its kind, what it is about, its detail."""
    kind, nodes, evidence = finding["kind"], finding["nodes"], finding["evidence"]
    about: tuple[str, ...] = (nodes[0]["id"],)
    detail: list[str] = []
    if kind == "OVERLAP":
        about = (nodes[0]["id"], nodes[1]["id"])
        detail = evidence["divisions"]
    elif kind == "VERTICAL":
        detail = evidence["missingLevels"]
    elif kind == "HELIX":
        detail = evidence["missing"]
    elif kind == "FRAGMENTED_SUPPORT":
        detail = sorted({i for pair in evidence["unlinkedPairs"] for i in pair})
    elif kind == "WHITE_SPOT":
        detail = [evidence["division"]]
    elif kind == "INFORMAL_BROKER":
        detail = sorted({i for pair in evidence["bridgedPairs"] for i in pair})
    elif kind == "BROKER_DEPENDENCY":
        detail = [str(evidence["cutOff"])]
    return kind, about, tuple(sorted(detail))


def test_the_sample_holds_exactly_the_findings_its_readme_lists(client: TestClient) -> None:
    documented = documented_findings()
    assert {kind for kind, _, _ in documented} == {
        "UNGOVERNED", "VERTICAL", "HELIX", "OVERLAP", "FRAGMENTED_SUPPORT", "WHITE_SPOT",
        "INFORMAL_BROKER", "BROKER_DEPENDENCY"}  # a true case of every kind
    body = graphql(client, GAPS)
    assert "errors" not in body, body["errors"]
    found = Counter(finding_row(f) for f in body["data"]["coordinationGaps"])
    assert found == documented
