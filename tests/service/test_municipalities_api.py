"""Municipalities through the API: scopes and filters of their department, state and country
include what lies in them; the territory listing shows the reference municipalities only
when asked; a write adds the municipality it names."""

import csv
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import init, load
from loaders.reference_data import REFERENCE
from service.access import create_key
from tests.loaders.datasets import Tables, write_csv_folder
from tests.neo4j_backends import Backend


def dataset() -> Tables:
    """Firms in Pitalito (Huila), Medellín (Antioquia), Monterrey (Nuevo León) and São Paulo,
    and an initiative spanning Pitalito and Monterrey."""
    return {
        "firms": [
            {"id": "F-PIT", "name": "Cafés del Huila", "territory_code": "CO:41551"},
            {"id": "F-MED", "name": "Textiles de Antioquia", "territory_code": "co:05001"},
            {"id": "F-MTY", "name": "Aceros del Norte", "territory_code": "MX:19039"},
            {"id": "F-SAO", "name": "Autopeças Paulista", "territory_code": "BR:3550308"},
        ],
        "initiatives": [
            {"id": "INI-CAFE", "name": "Red del café", "type": "BUSINESS_NETWORK",
             "territory_codes": "CO:41551;MX:19039"},
        ],
        "participations": [
            {"actor_id": "F-PIT", "initiative_id": "INI-CAFE", "role": "MEMBER"},
        ],
    }


@pytest.fixture
def loaded(db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path) -> neo4j.Driver:
    load(write_csv_folder(dataset(), tmp_path / "ds"), db, neo4j_backend.settings.neo4j_database,
         progress=False)
    return db


def data(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return dict(body["data"])


FIRMS = """query ($where: FirmFilter) {
  firms(filter: $where) { totalCount edges { node { id } } } }"""
STATS = """query ($scope: ScopeInput) {
  stats(scope: $scope) { nodeCounts { label count } byTerritory { code firms initiatives } } }"""


def firm_ids(client: TestClient, where: dict[str, Any]) -> list[str]:
    found = data(client, FIRMS, where=where)["firms"]
    ids = sorted(edge["node"]["id"] for edge in found["edges"])
    assert found["totalCount"] == len(ids)
    return ids


def scoped(client: TestClient, scope: dict[str, Any]) -> tuple[dict[str, int], dict[str, Any]]:
    stats = data(client, STATS, scope=scope)["stats"]
    return ({c["label"]: c["count"] for c in stats["nodeCounts"]},
            {t["code"]: (t["firms"], t["initiatives"]) for t in stats["byTerritory"]})


def test_scopes_of_a_department_state_or_country_include_their_municipalities(
        loaded: neo4j.Driver, client: TestClient) -> None:
    assert firm_ids(client, {"territories": ["CO-HUI"]}) == ["F-PIT"]
    assert firm_ids(client, {"countries": ["CO"]}) == ["F-MED", "F-PIT"]
    assert firm_ids(client, {"territories": ["MX-NLE"]}) == ["F-MTY"]
    assert firm_ids(client, {"territories": ["BR:3550308"]}) == ["F-SAO"]

    counts, by_territory = scoped(client, {"territories": ["CO-HUI"]})
    assert counts == {"Initiative": 1, "Firm": 1, "Institution": 0, "Program": 0}
    assert {code: by_territory[code] for code in ("CO:41551", "CO-HUI", "CO")} == {
        "CO:41551": (1, 1), "CO-HUI": (1, 1), "CO": (1, 1)}
    counts, by_territory = scoped(client, {"countries": ["MX"]})
    assert (counts["Firm"], counts["Initiative"]) == (2, 1)  # F-PIT takes part in INI-CAFE
    assert by_territory["MX:19039"] == by_territory["MX-NLE"] == by_territory["MX"] == (1, 1)
    counts, by_territory = scoped(client, {"countries": ["BR"], "actorKinds": ["FIRM"]})
    assert (counts["Firm"], counts["Initiative"]) == (1, 0)
    assert by_territory["BR:3550308"] == by_territory["BR-SP"] == (1, 0)


def municipalities_in_csv(parent: str | None = None) -> list[tuple[str, str]]:
    with (REFERENCE / "municipalities.csv").open(encoding="utf-8", newline="") as file:
        return [(r["code"], r["name"]) for r in csv.DictReader(file)
                if parent is None or r["parent_code"] == parent]


TERRITORIES = """query ($where: TerritoryFilter, $first: Int! = 50) {
  territories(filter: $where, first: $first) { totalCount edges { node { code name level } } } }"""


def test_the_reference_municipalities_are_listed_only_when_asked_for(
        loaded: neo4j.Driver, neo4j_backend: Backend, client: TestClient) -> None:
    init(loaded, neo4j_backend.settings.neo4j_database)
    default = data(client, TERRITORIES)["territories"]
    assert default["totalCount"] == 33 + 522  # countries and first-level subdivisions
    assert {e["node"]["level"] for e in default["edges"]} == {"COUNTRY", "REGION"}

    every = data(client, TERRITORIES, where={"levels": ["MUNICIPALITY"]}, first=0)
    assert every["territories"]["totalCount"] == len(municipalities_in_csv()) == 9150
    huila = data(client, TERRITORIES, where={"within": ["CO-HUI"]}, first=100)["territories"]
    listed = [(e["node"]["code"], e["node"]["name"]) for e in huila["edges"]]
    assert listed == [("CO-HUI", "Huila"), *municipalities_in_csv("CO-HUI")]
    assert len(listed) == 1 + 37
    found = data(client, TERRITORIES, where={"search": "pitalito"})["territories"]
    assert [e["node"] for e in found["edges"]] == [
        {"code": "CO:41551", "name": "Pitalito", "level": "MUNICIPALITY"}]


CREATE_FIRM = """mutation ($input: FirmInput!) { createFirm(input: $input) { targets } }"""


def test_a_write_adds_the_reference_municipality_it_names(
        loaded: neo4j.Driver, neo4j_backend: Backend, client: TestClient) -> None:
    key = create_key(loaded, neo4j_backend.settings.neo4j_database, "editor", "EDITOR").key
    response = client.post("/graphql", headers={"Authorization": f"Bearer {key}"}, json={
        "query": CREATE_FIRM,
        "variables": {"input": {"id": "F-GDL", "name": "Software Tapatío",
                                "territoryCode": "MX:14039"}}})
    assert response.json() == {"data": {"createFirm": {"targets": ["F-GDL"]}}}
    records, _, _ = loaded.execute_query(
        "MATCH (:Firm {id: 'F-GDL'})-[:LOCATED_IN]->(m)-[:PART_OF]->(s) "
        "RETURN m.name AS name, s.code AS state")
    assert [r.data() for r in records] == [{"name": "Guadalajara", "state": "MX-JAL"}]
