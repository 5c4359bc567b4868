"""matchmaking on the sample: candidates, components and order against the CSV files and
NetworkX's Adamic-Adar index."""

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations
from typing import Any

import neo4j
import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from loaders.load import SAMPLE
from service.matchmaking import WEIGHTS
from tests.neo4j_backends import Backend
from tests.service.api.sample_network import error_code, frame, graphql, sample_client

MATCHMAKING = """
query($id: ID!, $k: Int!, $scope: ScopeInput) {
  matchmaking(id: $id, k: $k, scope: $scope) {
    matches { suggestion { id name kind } score reasons components { name value } }
    emptyReason emptyReasonMessage { key parameters }
  }
}"""



@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    yield from sample_client(driver, neo4j_backend)


def matches(client: TestClient, id: str, k: int = 100, **variables: Any) -> list[dict[str, Any]]:
    body = graphql(client, MATCHMAKING, id=id, k=k, **variables)
    assert "errors" not in body, body["errors"]
    found: list[dict[str, Any]] = body["data"]["matchmaking"]["matches"]
    assert (body["data"]["matchmaking"]["emptyReason"] is None) == bool(found)
    scores = [m["score"] for m in found]
    assert scores == sorted(scores, reverse=True)
    return found


def initiative_network() -> nx.Graph:
    """Initiatives linked when they collaborate or share a participant or governor."""
    graph = nx.Graph()
    graph.add_nodes_from(frame("initiatives").id)
    graph.add_edges_from(zip(frame("collaborations").initiative_id,
                             frame("collaborations").partner_initiative_id, strict=True))
    by_actor: dict[str, set[str]] = defaultdict(set)
    for r in frame("participations").itertuples():
        by_actor[r.actor_id].add(r.initiative_id)
    for r in frame("governance").itertuples():
        by_actor[r.institution_id].add(r.initiative_id)
    for members in by_actor.values():
        graph.add_edges_from(combinations(sorted(members), 2))
    return graph


def industries() -> dict[str, set[str]]:
    """Each initiative's ISIC groups, plus the divisions it names with no group below them."""
    isic = pd.read_csv(SAMPLE.parent / "reference" / "isic_rev4.csv", dtype=str,
                       keep_default_na=False).set_index("code")

    def up(code: str, level: str) -> str | None:
        while code and isic.level[code] != level:
            code = isic.parent_code[code]
        return code or None

    out = {}
    for r in frame("initiatives").itertuples():
        codes = str(r.sector_codes).split(";")
        groups = {g for c in codes if (g := up(c, "GROUP"))}
        divisions = {d for c in codes if (d := up(c, "DIVISION"))}
        out[str(r.id)] = groups | {d for d in divisions
                                   if not any(g.startswith(d) for g in groups)}
    return out


def coverage(a: set[str], b: set[str]) -> float:
    def covered(code: str, others: set[str]) -> bool:
        return any(o.startswith(code) or code.startswith(o) for o in others)

    return (sum(covered(x, b) for x in a) + sum(covered(y, a) for y in b)) / (len(a) + len(b))


def initiatives_under(code: str) -> set[str]:
    """The sample's initiatives in territory `code` or below (codes start with their
    parents')."""
    return {r.id for r in frame("initiatives").itertuples()
            if any(c.startswith(code) for c in r.territory_codes.split(";"))}


def programme(program: str) -> tuple[str, set[str]]:
    """The territory of the institution that runs `program`, and the initiatives it supports."""
    institutions = frame("institutions").set_index("id")
    [runner] = frame("programs").query(f"id == '{program}'").institution_id
    supported = set(frame("supports").query(f"program_id == '{program}'").initiative_id)
    return institutions.territory_code[runner], supported


@pytest.mark.parametrize("subject", ["INI-CL-001", "INI-MX-001", "INI-CO-004"])
def test_an_initiative_is_offered_the_unlinked_initiatives_scored_as_documented(
    client: TestClient, subject: str
) -> None:
    network = initiative_network()
    found = matches(client, subject)
    expected_candidates = set(network) - set(network[subject]) - {subject}
    assert {m["suggestion"]["id"] for m in found} <= expected_candidates
    assert found, "the sample offers every initiative someone to meet"

    by_industry = industries()
    predictions = {o: p for _, o, p in nx.adamic_adar_index(
        network, [(subject, o) for o in sorted(expected_candidates)])}
    strongest = max(predictions.values())
    for m in found:
        other = m["suggestion"]["id"]
        parts = {c["name"]: c["value"] for c in m["components"]}
        a, b = by_industry[subject], by_industry[other]
        assert parts["sectorSimilarity"] == pytest.approx(coverage(a, b))
        assert parts["sectorSimilarity"] > 0 or parts["valueChain"] == 1
        assert parts["linkPrediction"] == pytest.approx(
            predictions[other] / strongest if strongest else 0.0)
        assert m["score"] == pytest.approx(sum(WEIGHTS[n] * v for n, v in parts.items()),
                                           abs=1e-6)
        assert m["reasons"]


def test_the_overlapping_forestry_initiatives_are_told_to_meet(client: TestClient) -> None:
    [first] = matches(client, "INI-CL-001", k=1)
    assert first["suggestion"]["id"] == "INI-CL-002"
    assert any("same ISIC industries 161 and 162" in reason for reason in first["reasons"])


def test_k_and_the_scope_bound_the_suggestions(client: TestClient) -> None:
    assert len(matches(client, "INI-MX-001", k=2)) == 2
    scoped = matches(client, "INI-MX-001", scope={"countries": ["CO"]})
    assert scoped and {m["suggestion"]["id"][:6] for m in scoped} == {"INI-CO"}


def test_a_programme_is_offered_the_initiatives_of_its_territory_it_does_not_support_yet(
    client: TestClient,
) -> None:
    territory, supported = programme("PROG-PE-001")
    inside = initiatives_under(territory)
    found = matches(client, "PROG-PE-001")
    assert {m["suggestion"]["id"] for m in found} == inside - supported
    assert found


def test_an_anchor_firm_is_offered_nearby_firms_that_do_not_supply_it_yet(
    client: TestClient,
) -> None:
    suppliers = set(frame("supplies").query("client_id == 'FIRM-MX-001'").supplier_id)
    found = matches(client, "FIRM-MX-001")
    assert found
    ids = {m["suggestion"]["id"] for m in found}
    assert not ids & (suppliers | {"FIRM-MX-001"})
    assert all(i.startswith("FIRM-MX-") for i in ids)  # its own country only


@pytest.mark.parametrize(("id", "k", "code"), [
    ("NOBODY", 5, "NOT_FOUND"), ("INST-CO-UDEA", 5, "BAD_USER_INPUT"),
    ("INI-CO-001", 0, "BAD_USER_INPUT"),
])
def test_bad_requests_are_refused_with_a_code(
    client: TestClient, id: str, k: int, code: str
) -> None:
    assert error_code(graphql(client, MATCHMAKING, id=id, k=k)) == code


# -- an empty answer says why ---------------------------------------------------------------

EMPTY = """query($id: ID!, $scope: ScopeInput, $language: Language) {
  matchmaking(id: $id, scope: $scope, language: $language) {
    matches { score } emptyReason emptyReasonMessage { key parameters } } }"""


def empty(client: TestClient, id: str, scope: dict[str, Any],
          language: str = "EN") -> dict[str, Any]:
    body = graphql(client, EMPTY, id=id, scope=scope, language=language)
    assert "errors" not in body, body["errors"]
    found: dict[str, Any] = body["data"]["matchmaking"]
    assert found["matches"] == []
    return found


def test_an_initiative_alone_in_its_scope_hears_there_is_nobody_else(
    client: TestClient,
) -> None:
    assert initiatives_under("MX-JAL-14039") == {"INI-MX-003"}
    found = empty(client, "INI-MX-003", {"territories": ["MX-JAL-14039"]})
    assert found["emptyReasonMessage"] == {"key": "match.none.no_initiatives",
                                           "parameters": {}}
    assert found["emptyReason"] == "There is no other initiative in the scope."
    assert empty(client, "INI-MX-003", {"territories": ["MX-JAL-14039"]}, "PT")[
        "emptyReason"] == "Não há nenhuma outra iniciativa no escopo."


def test_an_initiative_linked_with_every_other_of_its_country_hears_so(
    client: TestClient,
) -> None:
    network = initiative_network()
    by_country: dict[str, set[str]] = defaultdict(set)
    for initiative in network:
        by_country[initiative.split("-")[1]].add(initiative)
    linked = [(i, country, members - {i}) for country, members in sorted(by_country.items())
              for i in sorted(members) if members - {i} <= set(network[i])]
    assert linked, "the sample has an initiative tied to every other of its country"
    subject, country, others = linked[0]
    found = empty(client, subject, {"countries": [country]})
    assert found["emptyReasonMessage"] == {"key": "match.none.all_linked",
                                           "parameters": {"count": len(others)}}


def test_an_initiative_of_unrelated_industries_abroad_hears_none_is_related(
    client: TestClient,
) -> None:
    network = initiative_network()
    mexican = {i for i in network if i.startswith("INI-MX-")}
    assert not mexican & set(network["INI-CL-003"])
    found = empty(client, "INI-CL-003", {"countries": ["MX"]})
    assert found["emptyReasonMessage"] == {"key": "match.none.unrelated",
                                           "parameters": {"count": len(mexican)}}
    assert found["emptyReason"].startswith(f"None of the {len(mexican)} initiatives")


def test_a_programme_hears_when_the_scope_lies_outside_its_territory_or_is_all_supported(
    client: TestClient,
) -> None:
    territory, supported = programme("PROG-PE-001")
    colombian = initiatives_under("CO")
    found = empty(client, "PROG-PE-001", {"countries": ["CO"]})
    assert found["emptyReasonMessage"] == {"key": "match.none.program_outside", "parameters": {
        "places": [territory], "count": len(colombian - supported)}}
    only_supported = next(code for i in sorted(supported)
                          for code in frame("initiatives").set_index("id").territory_codes[
                              i].split(";") if initiatives_under(code) <= supported)
    found = empty(client, "PROG-PE-001", {"territories": [only_supported]})
    assert found["emptyReasonMessage"] == {"key": "match.none.all_supported", "parameters": {
        "count": len(initiatives_under(only_supported))}}


def test_an_anchor_with_no_firm_in_its_region_or_country_hears_so(client: TestClient) -> None:
    found = empty(client, "FIRM-MX-001", {"countries": ["CO"]})
    assert found["emptyReasonMessage"] == {"key": "match.none.no_firms_near", "parameters": {}}
    assert found["emptyReason"] == (
        "No other firm in the scope lies in its region or its country, where suppliers are "
        "sought.")
