"""`POST /admin/load`: a dataset as JSON, an .xlsx workbook or a zip of CSV files."""

import io
import zipfile
from collections.abc import Iterator

import neo4j
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.routes.admin import XLSX
from tests.neo4j_backends import Backend
from tests.service.api.writing import clean_up, one, prepare

FIRMS = [{"id": "FIRM-UP-1", "name": "Primera; S.A.", "size": "mediana",
          "territory_code": "CL", "employees": "60"},
         {"id": "FIRM-UP-2", "name": "Segunda", "territory_code": "CL-RM"}]
SUPPLIES = [{"supplier_id": "FIRM-UP-2", "client_id": "FIRM-UP-1", "weight": "0,25"}]


@pytest.fixture(scope="module")
def admin(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[str]:
    database = neo4j_backend.settings.neo4j_database
    yield prepare(driver, database)["ADMIN"][1]
    clean_up(driver, database)


@pytest.fixture(scope="module")
def app(admin: str, neo4j_backend: Backend) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_backend.settings)) as client:
        yield client


def workbook() -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(FIRMS).to_excel(writer, sheet_name="firms", index=False)
        pd.DataFrame(SUPPLIES).to_excel(writer, sheet_name="supplies", index=False)
    return buffer.getvalue()


def archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("dataset/firms.csv", pd.DataFrame(FIRMS).to_csv(index=False))
        zipped.writestr("../supplies.csv", pd.DataFrame(SUPPLIES).to_csv(index=False))
        zipped.writestr("README.txt", "not a table")
    return buffer.getvalue()


@pytest.mark.parametrize(("content_type", "body"), [
    ("application/json", None), (XLSX, workbook()), ("application/zip", archive()),
], ids=["json", "xlsx", "zip"])
def test_a_dataset_in_each_format_is_loaded_and_summarised(
    content_type: str, body: bytes | None, app: TestClient, admin: str,
    driver: neo4j.Driver, neo4j_backend: Backend
) -> None:
    driver.execute_query("MATCH (n) WHERE n.id STARTS WITH 'FIRM-UP-' DETACH DELETE n",
                         database_=neo4j_backend.settings.neo4j_database)
    headers = {"Authorization": f"Bearer {admin}"}
    if body is None:
        response = app.post("/admin/load", json={"firms": FIRMS, "supplies": SUPPLIES},
                            headers=headers)
    else:
        response = app.post("/admin/load", content=body,
                            headers={**headers, "Content-Type": content_type})
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["created"] == 5  # two firms, their territories, one supply
    assert summary["counts"]["firms"] == {"created": 2, "updated": 0}
    assert summary["graphVersion"] >= 1 and summary["loadId"]
    assert one(driver, "MATCH (f:Firm {id: 'FIRM-UP-1'}) RETURN f.name") == FIRMS[0]["name"]
    assert one(driver, "MATCH (f:Firm {id: 'FIRM-UP-1'}) RETURN f.size") == "MEDIUM"
    assert one(driver, "MATCH (:Firm {id: 'FIRM-UP-2'})-[s:SUPPLIES]->(:Firm {id: 'FIRM-UP-1'}) "
                       "RETURN s.weight") == 0.25


def test_an_unknown_content_type_or_a_broken_zip_is_refused(app: TestClient, admin: str) -> None:
    headers = {"Authorization": f"Bearer {admin}"}
    text = app.post("/admin/load", content=b"id,name", headers={
        **headers, "Content-Type": "text/csv"})
    assert text.status_code == 415 and text.json()["code"] == "BAD_USER_INPUT"
    broken = app.post("/admin/load", content=b"PK not really", headers={
        **headers, "Content-Type": "application/zip"})
    assert broken.status_code == 400
    assert broken.json()["code"] == "BAD_DATASET"
    assert "not readable as a zip file" in broken.json()["problems"][0]


def test_the_locale_parameter_says_how_the_dataset_writes_numbers(
    app: TestClient, admin: str, driver: neo4j.Driver, neo4j_backend: Backend
) -> None:
    driver.execute_query("MATCH (n) WHERE n.id STARTS WITH 'FIRM-UP-' DETACH DELETE n",
                         database_=neo4j_backend.settings.neo4j_database)
    dataset = {"firms": [{"id": "FIRM-UP-LOC", "name": "Cifras", "territory_code": "CO",
                          "employees": "1.200"}]}
    headers = {"Authorization": f"Bearer {admin}"}
    refused = app.post("/admin/load", json=dataset, headers=headers)
    assert refused.status_code == 400
    assert refused.json()["problems"] == [
        "request.json, firms, item 1, column employees: '1.200': reads as 1200 where ',' is "
        "the decimal mark (es-CO, pt-BR) and as 1.2 where '.' is (en, es-MX); state the "
        "dataset's locale, e.g. --locale es-CO or --locale en"]
    loaded = app.post("/admin/load", params={"locale": "es-CO"}, json=dataset,
                      headers=headers)
    assert loaded.status_code == 200, loaded.text
    assert one(driver, "MATCH (f:Firm {id: 'FIRM-UP-LOC'}) RETURN f.employees") == 1200
