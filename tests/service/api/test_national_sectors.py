"""Mexican firms on SCIAN codes and Colombian firms on CIIU Rev.4 A.C. codes meet in one ISIC
Rev.4 tree: scope filters, lists, white spots and the sector field go through the published
correspondences (loaders/reference/national_isic.csv)."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import load
from loaders.problems import DatasetError
from service.app import create_app
from tests.conftest import fresh_reference
from tests.neo4j_backends import Backend
from tests.service.api.sample_network import graphql
from tests.service.api.test_gaps import gaps


def firms(prefix: str, territory: str, sector: str, count: int) -> list[dict[str, Any]]:
    return [{"id": f"{prefix}-{n}", "name": f"{prefix} {n}", "size": "SMALL",
             "territory_code": territory, "sector_codes": sector} for n in range(count)]


# SCIAN:336390 (other motor vehicle parts) corresponds to ISIC 2813, 2819 and 2930 (divisions
# 28 and 29); SCIAN:311110 (animal feed) to 1080; SCIAN:541110 (law offices) to 6910.
# CIIU-CO:2930 (auto parts) lies in CIIU-CO division 29, CIIU-CO:1011 (meat) in 10,
# CIIU-CO:6910 (legal activities) in 69, each the ISIC division of the same code.
TABLES: dict[str, list[dict[str, Any]]] = {
    "firms": firms("MX-AUTO", "MX-NLE", "SCIAN:336390", 1)
    + firms("MX-FOOD", "MX-NLE", "SCIAN:311110", 6) + firms("MX-LAW", "MX-NLE", "SCIAN:541110", 2)
    + firms("MX-LAWJ", "MX-JAL", "SCIAN:541110", 10)
    + firms("CO-AUTO", "CO-ANT", "CIIU-CO:2930", 1)
    + firms("CO-FOOD", "CO-ANT", "CIIU-CO:1011", 6) + firms("CO-LAW", "CO-ANT", "CIIU-CO:6910", 2)
    + firms("CO-LAWB", "CO-DC", "CIIU-CO:6910", 10)
    + firms("ISIC-AUTO", "CO-DC", "2930", 1),
}
MEXICAN = {"MX-AUTO-0"} | {f"MX-FOOD-{n}" for n in range(6)}
COLOMBIAN = {"CO-AUTO-0"} | {f"CO-FOOD-{n}" for n in range(6)}


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[TestClient]:

    database = neo4j_backend.settings.neo4j_database
    fresh_reference(driver, database)
    path = tmp_path_factory.mktemp("national") / "national.json"
    path.write_text(json.dumps(TABLES))
    load(path, driver, database, progress=False)
    with TestClient(create_app(neo4j_backend.settings)) as test_client:
        yield test_client


def scoped(client: TestClient, sectors: list[str]) -> set[str]:
    body = graphql(client, "query($s: [String!]) { network(scope: {sectors: $s}) "
                           "{ nodes { id } } }", s=sectors)
    assert "errors" not in body, body
    return {n["id"] for n in body["data"]["network"]["nodes"]}


def listed(client: TestClient, sectors: list[str]) -> set[str]:
    body = graphql(client, "query($s: [String!]) { firms(first: 100, filter: {sectors: $s}) "
                           "{ totalCount edges { node { id } } } }", s=sectors)
    assert "errors" not in body, body
    return {e["node"]["id"] for e in body["data"]["firms"]["edges"]}


def test_a_manufacturing_scope_holds_the_firms_of_both_countries(client: TestClient) -> None:
    wanted = MEXICAN | COLOMBIAN | {"ISIC-AUTO-0"}
    assert scoped(client, ["C"]) == wanted
    assert listed(client, ["C"]) == wanted


def test_a_division_scope_follows_each_correspondence(client: TestClient) -> None:
    autos = {"MX-AUTO-0", "CO-AUTO-0", "ISIC-AUTO-0"}
    assert scoped(client, ["29"]) == autos == listed(client, ["29"])
    # SCIAN:336390 corresponds partly to 2813 and 2819 as well: division 28 holds it too.
    assert scoped(client, ["28"]) == {"MX-AUTO-0"}
    assert scoped(client, ["10"]) == {f"MX-FOOD-{n}" for n in range(6)} | {
        f"CO-FOOD-{n}" for n in range(6)}


def test_a_national_scope_stays_in_its_classification(client: TestClient) -> None:
    assert scoped(client, ["CIIU-CO:29"]) == {"CO-AUTO-0"}
    assert scoped(client, ["SCIAN:31-33"]) == MEXICAN


def test_white_spots_count_national_codes_in_their_isic_division(client: TestClient) -> None:
    # Nuevo León: 6 of its 9 firms make animal feed (ISIC 10); Mexico: 6 of 19. Antioquia:
    # 6 of 9 process meat (10); Colombia: 6 of 20. No food initiative anywhere.
    found = {(f["nodes"][0]["id"], f["evidence"]["division"], f["evidence"]["firms"])
             for f in gaps(client, "WHITE_SPOT")}
    assert ("MX-NLE", "10", 6) in found and ("CO-ANT", "10", 6) in found


SECTOR = """query($code: String!) { sector(code: $code) { code name nameEs level classification
  parent { code } correspondences { partial sector { code level classification } } } }"""


def test_a_scian_code_shows_its_isic_classes(client: TestClient) -> None:
    sector = graphql(client, SECTOR, code="SCIAN:336390")["data"]["sector"]
    assert sector["name"] == "Fabricación de otras partes para vehículos automotrices"
    assert (sector["level"], sector["classification"]) == ("CLASS", "SCIAN 2018")
    assert sector["parent"] == {"code": "SCIAN:31-33"}
    assert sector["correspondences"] == [
        {"partial": True, "sector": {"code": code, "level": "CLASS",
                                     "classification": "ISIC Rev.4"}}
        for code in ("2813", "2819", "2930")]


def test_a_colombian_code_reaches_isic_through_its_division(client: TestClient) -> None:
    sector = graphql(client, SECTOR, code="CIIU-CO:0127")["data"]["sector"]
    assert sector["name"] == "Cultivo de plantas con las que se preparan bebidas"
    assert sector["parent"] == {"code": "CIIU-CO:012"}
    assert sector["correspondences"] == []
    division = graphql(client, SECTOR, code="CIIU-CO:01")["data"]["sector"]
    assert division["parent"] == {"code": "CIIU-CO:A"}
    assert division["correspondences"] == [
        {"partial": False, "sector": {"code": "01", "level": "DIVISION",
                                      "classification": "ISIC Rev.4"}}]
    assert graphql(client, SECTOR, code="C")["data"]["sector"]["correspondences"] == []


def test_an_unknown_prefix_or_national_code_is_one_problem_with_a_hint(
    driver: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path, client: TestClient
) -> None:
    tables = {"firms": firms("BAD-PREFIX", "MX-NLE", "SCAIN:336390", 1)
              + firms("BAD-CODE", "CO-ANT", "CIIU-CO:01270", 1)}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(tables))
    with pytest.raises(DatasetError) as refusal:
        load(path, driver, neo4j_backend.settings.neo4j_database, progress=False)
    message = refusal.value.message
    assert ("column sector_codes: 'SCAIN:336390': unknown sector classification SCAIN:: write "
            "CIIU-CO: or SCIAN: before a national code, or an ISIC Rev.4 code without a prefix; "
            "did you mean SCIAN:?") in message
    assert ("column sector_codes: 'CIIU-CO:01270': unknown sector code" in message
            and "did you mean CIIU-CO:0127 (Cultivo de plantas con las que se preparan "
                "bebidas)" in message)
    assert len(refusal.value.problems) == 2


def test_roll_ups_and_matchmaking_read_the_isic_codes_of_national_ones(
    driver: neo4j.Driver, neo4j_backend: Backend, client: TestClient
) -> None:
    from service.cypher_catalog import cypher

    database = neo4j_backend.settings.neo4j_database
    records, _, _ = driver.execute_query(
        cypher("analytics/sector_divisions"), database_=database,
        codes=["SCIAN:336390", "CIIU-CO:2930", "CIIU-CO:0127", "2930"])
    # The divisions that roll-ups and mixing count a node's sectors in.
    assert {r["code"]: sorted(r["divisions"]) for r in records} == {
        "SCIAN:336390": ["28", "29"], "CIIU-CO:2930": ["29"], "CIIU-CO:0127": ["01"],
        "2930": ["29"]}
    records, _, _ = driver.execute_query(cypher("matchmaking/firms"), database_=database,
                                         anchor="MX-AUTO-0")
    groups = {r["id"]: sorted(r["groups"]) for r in records}
    # Supplier matchmaking compares ISIC groups: 2813 and 2819 lie in 281, 2930 in 293.
    assert groups["MX-AUTO-0"] == ["281", "293"]
    assert groups["MX-FOOD-0"] == ["108"]
