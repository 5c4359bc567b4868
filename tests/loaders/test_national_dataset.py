"""A dataset as a Mexican and a Colombian registry give it: Spanish column names, SCIAN codes
for the Mexican firms, CIIU Rev.4 A.C. codes for the Colombian ones, municipality codes of
both countries and amounts written the Colombian way (`--locale es-CO`). It loads, and the
sector and territory analyses find the firms of both countries through ISIC and the
municipalities' departments and states."""

from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import load, reset
from service.app import create_app
from tests.conftest import fresh_reference
from tests.neo4j_backends import Backend
from tests.service.analytics.reference import ask

FILES = {
    "firms.csv": [
        "identificador,razón social,tamaño,territorio,ciiu,nit",
        "MX-1,Autopartes Regiomontanas,mediana,MX:19039,SCIAN:336390,",
        "MX-2,Forrajes del Norte,pequeña,MX:19039,SCIAN:311110,",
        "CO-1,Tostadores del Huila,pequeña,CO:41551,CIIU-CO:1061,",
        "CO-2,Autopartes del Sur,mediana,CO:41551,CIIU-CO:2930,",
        "CO-3,Abogados Asociados de Pitalito,micro,CO:41551,CIIU-CO:6910,",
    ],
    "institutions.csv": [
        "identificador,nombre,tipo,nivel,territorio",
        "GOB-HUI,Gobernación del Huila,gobierno,subnacional,CO-HUI",
        "GOB-NLE,Gobierno de Nuevo León,gobierno,subnacional,MX-NLE",
    ],
    "initiatives.csv": [
        "identificador,nombre,tipo,año de inicio,territorios,sectores",
        'INI-CO,Clúster de Autopartes del Sur,cluster,2019,CO:41551,CIIU-CO:2930',
        'INI-MX,Clúster Automotriz de Nuevo León,cluster,2008,MX:19039,SCIAN:336390',
    ],
    "programs.csv": [
        "identificador,nombre,institución,presupuesto,moneda",
        'PRG-HUI,Huila Productiva,GOB-HUI,"4.500.000.000,00",COP',
    ],
    "participations.csv": [
        "actor,iniciativa,rol",
        "CO-2,INI-CO,miembro", "CO-1,INI-CO,miembro", "GOB-HUI,INI-CO,miembro",
        "MX-1,INI-MX,miembro", "GOB-NLE,INI-MX,miembro",
    ],
    "supports.csv": [
        "programa,iniciativa,monto,moneda",
        'PRG-HUI,INI-CO,"120.000.000,50",COP',
    ],
}


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("registry")
    for name, lines in FILES.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    database = neo4j_backend.settings.neo4j_database
    fresh_reference(driver, database)
    load(folder, driver, database, progress=False, locale="es-CO")
    with TestClient(create_app(neo4j_backend.settings)) as test_client:
        yield test_client
    reset(driver, database)


def ids(client: TestClient, scope: dict[str, list[str]]) -> set[str]:
    found = ask(client, """query ($scope: ScopeInput) { network(projection: FULL,
        scope: $scope) { nodes { id } } }""", scope=scope)
    return {n["id"] for n in found["network"]["nodes"]}


def firms_in(client: TestClient, sectors: list[str]) -> set[str]:
    found = ask(client, """query ($sectors: [String!]) { firms(first: 100,
        filter: {sectors: $sectors}) { edges { node { id } } } }""", sectors=sectors)
    return {e["node"]["id"] for e in found["firms"]["edges"]}


def test_manufacturing_holds_the_firms_of_both_countries_through_isic(
        client: TestClient) -> None:
    # SCIAN 336390 and 311110, CIIU-CO 1061 and 2930: manufacturing; CIIU-CO 6910: legal
    assert firms_in(client, ["C"]) == {"MX-1", "MX-2", "CO-1", "CO-2"}
    assert firms_in(client, ["29"]) == {"MX-1", "CO-2"}  # motor vehicles and their parts
    assert firms_in(client, ["M"]) == {"CO-3"}
    # a scope holds a sector's firms and the actors of its initiatives (docs/projections.md)
    assert ids(client, {"sectors": ["29"]}) == {"MX-1", "CO-2", "CO-1", "GOB-HUI", "GOB-NLE",
                                                "INI-CO", "INI-MX", "PRG-HUI"}


def test_the_municipalities_lie_in_their_departments_and_states(client: TestClient) -> None:
    assert {"CO-1", "CO-2", "CO-3", "INI-CO"} <= ids(client, {"territories": ["CO-HUI"]})
    assert {"MX-1", "MX-2", "INI-MX"} <= ids(client, {"territories": ["MX-NLE"]})
    assert not {"MX-1", "MX-2"} & ids(client, {"countries": ["CO"]})
    firm = ask(client, '{ firm(id: "CO-2") { size territory { code name } } }')["firm"]
    assert firm["size"] == "MEDIUM"
    assert firm["territory"] == {"code": "CO:41551", "name": "Pitalito"}


def test_amounts_are_read_the_colombian_way(client: TestClient) -> None:
    program = ask(client, '{ program(id: "PRG-HUI") { budget currency } }')["program"]
    assert program == {"budget": 4_500_000_000.0, "currency": "COP"}
    support = ask(client, """{ initiative(id: "INI-CO") { supportedBy { amount } } }""")
    assert support["initiative"]["supportedBy"] == [{"amount": 120_000_000.5}]
