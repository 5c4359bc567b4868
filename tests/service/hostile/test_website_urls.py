"""A website that is not http(s) (`javascript:`, `data:`, …) would become a link that runs in
the Explorer: refused at load and by mutations, with the row and column named."""

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from loaders.load import load
from loaders.problems import DatasetError
from service.access import NewKey, create_key
from tests.neo4j_backends import Backend
from tests.service.api.writing import clean_up, prepare
from tests.serving import serve

HOSTILE = ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<b>x</b>",
           "vbscript:msgbox(1)", "//evil.example/x", "evil.example", "https://", "ftp://a.org/x",
           "https://a.org/\tjavascript:alert(1)", "http://a b.org"]
ACCEPTED = ["https://cluster.example.org", "http://madera.example.cl/red?x=1#y",
            "HTTPS://EXAMPLE.ORG/A"]
EXPECTED = "expected a web address starting with http:// or https://"
CREATE = """mutation ($website: String) { createInitiative(input: {id: "INI-WEB-1",
  name: "Web", type: "CLUSTER", territoryCodes: ["CL"], website: $website}) { auditId } }"""
UPDATE = """mutation ($website: String) { updateInitiative(input: {id: "INI-CL-001",
  website: $website}) { auditId } }"""


@pytest.fixture(scope="module")
def admin(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[NewKey]:
    database = neo4j_backend.settings.neo4j_database
    prepare(driver, database)
    yield create_key(driver, database, "hostile websites", "ADMIN")
    clean_up(driver, database)


@pytest.fixture(scope="module")
def url(admin: NewKey, neo4j_backend: Backend) -> Iterator[str]:
    with serve(neo4j_backend.settings) as base:
        yield base


def post(url: str, path: str, body: dict[str, Any], key: str) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        url + path, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(json.load(response))
    except urllib.error.HTTPError as error:
        return error.code, dict(json.load(error))


def website_of(driver: neo4j.Driver, initiative: str) -> Any:
    records, _, _ = driver.execute_query("MATCH (i:Initiative {id: $id}) RETURN i.website AS w",
                                         id=initiative)
    return records[0]["w"] if records else "absent"


def test_a_load_refuses_every_website_that_is_not_http_naming_row_and_column(
        admin: NewKey, driver: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path) -> None:
    folder = tmp_path / "dataset"
    folder.mkdir()
    lines = ["id,name,type,territory_codes,website"]
    lines += [f'INI-WEB-{i},Web {i},CLUSTER,CL,"{w}"' for i, w in enumerate(HOSTILE + ACCEPTED)]
    (folder / "initiatives.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as refused:
        load(folder, driver, neo4j_backend.settings.neo4j_database, progress=False)
    problems = refused.value.problems
    assert [(p.row, p.column, p.value) for p in problems] == [
        (i + 2, "website", w) for i, w in enumerate(HOSTILE)]  # the header is row 1
    assert all(EXPECTED in p.expected for p in problems)
    assert str(problems[0]).startswith(
        "initiatives.csv, row 2, column website: 'javascript:alert(document.cookie)': "
        + EXPECTED)
    assert website_of(driver, "INI-WEB-10") == "absent"  # nothing written


def test_loading_over_http_refuses_it_too(url: str, admin: NewKey, driver: neo4j.Driver) -> None:
    dataset = {"initiatives": [{"id": "INI-WEB-2", "name": "Web", "type": "CLUSTER",
                                "territory_codes": "CL", "website": HOSTILE[0]}]}
    status, body = post(url, "/admin/load", dataset, admin.key)
    assert status == 400
    assert body["code"] == "BAD_DATASET"
    assert body["problems"] == [f"request.json, initiatives, item 1, column website: "
                                f"'{HOSTILE[0]}': {EXPECTED} (e.g. https://example.org)"]
    assert website_of(driver, "INI-WEB-2") == "absent"


@pytest.mark.parametrize("website", HOSTILE)
def test_mutations_refuse_a_website_that_is_not_http(
        website: str, url: str, admin: NewKey, driver: neo4j.Driver) -> None:
    stored = website_of(driver, "INI-CL-001")
    for query in (CREATE, UPDATE):
        status, body = post(url, "/graphql", {"query": query, "variables": {"website": website}},
                            admin.key)
        assert status == 200
        error = body["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        [problem] = error["extensions"]["problems"]
        assert (problem["field"], problem["value"], problem["item"]) == ("website", website, 1)
        assert EXPECTED in problem["expected"]
    assert website_of(driver, "INI-WEB-1") == "absent"
    assert website_of(driver, "INI-CL-001") == stored


def test_mutations_accept_http_and_https_websites(url: str, admin: NewKey,
                                                  driver: neo4j.Driver) -> None:
    for website in ACCEPTED:
        status, body = post(url, "/graphql", {"query": UPDATE, "variables": {"website": website}},
                            admin.key)
        assert status == 200 and "errors" not in body, body
        assert website_of(driver, "INI-CL-001") == website
