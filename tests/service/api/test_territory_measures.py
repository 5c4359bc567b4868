"""`stats.territoryMeasures` on the sample, against counts made from the CSV files."""

from collections import Counter
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from tests.neo4j_backends import Backend
from tests.service.api.sample_network import frame, graphql, sample_client, sample_network

MEASURES = """query ($scope: ScopeInput, $levels: [TerritoryLevel!]) {
  stats(scope: $scope) { territoryMeasures(levels: $levels) {
    code name level initiatives actors ungoverned governanceTies } } }"""
SCOPES: dict[str, dict[str, Any]] = {
    "everything": {},
    "country and year": {"countries": ["CO"], "year": 2018},
    "types and kinds": {"initiativeTypes": ["CLUSTER"], "actorKinds": ["FIRM", "GOVERNMENT"]},
}


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    yield from sample_client(driver, neo4j_backend)


def expected_measures(scope: dict[str, Any], levels: set[str]) -> dict[str, dict[str, Any]]:
    """Per territory of `levels`: what lies in it or below, from the CSV files."""
    sample = sample_network()
    dataset_levels = {r.code: r.level for r in frame("territories").itertuples()}
    year = scope.get("year")
    ties = Counter(link.target for link in sample.links if link.type == "GOVERNS"
                   and (year is None or ((link.since or year) <= year <= (link.until or year))))
    out: dict[str, Counter[str]] = {}
    for n in sample.in_scope(scope):
        label = sample.nodes[n]["label"]
        if label == "Program":
            continue
        for code in {a for t in sample.territories[n] for a in sample.territory_ancestors(t)}:
            level = dataset_levels.get(code, "REGION" if "-" in code else "COUNTRY")
            if level not in levels:
                continue
            counts = out.setdefault(code, Counter(level=0))
            if label == "Initiative":
                counts["initiatives"] += 1
                counts["ungoverned"] += ties[n] == 0
                counts["governanceTies"] += ties[n]
            else:
                counts["actors"] += 1
    return {code: {"initiatives": c["initiatives"], "actors": c["actors"],
                   "ungoverned": c["ungoverned"], "governanceTies": c["governanceTies"]}
            for code, c in out.items()}


def measures(client: TestClient, scope: dict[str, Any],
             levels: list[str] | None = None) -> list[dict[str, Any]]:
    body = graphql(client, MEASURES, scope=scope, levels=levels)
    assert "errors" not in body, body
    found: list[dict[str, Any]] = body["data"]["stats"]["territoryMeasures"]
    return found


@pytest.mark.parametrize("scope", SCOPES.values(), ids=SCOPES.keys())
def test_countries_and_regions_count_what_lies_in_them_or_below(
        client: TestClient, scope: dict[str, Any]) -> None:
    found = measures(client, scope)
    assert [m["code"] for m in found] == sorted(m["code"] for m in found)
    assert {m["code"]: {k: m[k] for k in ("initiatives", "actors", "ungoverned",
                                           "governanceTies")} for m in found} \
        == expected_measures(scope, {"COUNTRY", "REGION"})
    assert {m["level"] for m in found} == {"COUNTRY", "REGION"}
    if not scope:  # the sample has governed and ungoverned initiatives side by side
        assert any(0 < m["ungoverned"] < m["initiatives"] for m in found)


def test_municipalities_are_measured_when_asked_for(client: TestClient) -> None:
    found = measures(client, {}, ["MUNICIPALITY"])
    assert {m["level"] for m in found} == {"MUNICIPALITY"}
    assert {m["code"]: m["actors"] for m in found} == {
        code: m["actors"] for code, m in expected_measures({}, {"MUNICIPALITY"}).items()}
