"""An initiative's address to share, /initiative/<id>: the Explorer's page named after the
initiative, with a link preview (Open Graph) worded in the caller's language from the
graph's own figures."""

import html
import re
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from tests.neo4j_backends import Backend

META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">')


@pytest.fixture(scope="module")
def api(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_backend.settings)) as test_client:
        yield test_client


def metas(text: str) -> dict[str, str]:
    return {name: html.unescape(content) for name, content in META.findall(text)}


def facts(driver: neo4j.Driver, initiative: str) -> tuple[str, list[str], int]:
    records, _, _ = driver.execute_query(
        "MATCH (i:Initiative {id: $id}) "
        "RETURN i.name AS name, [(i)-[:LOCATED_IN]->(t) | t.name] AS territories, "
        "size([(a:Actor)-[:PARTICIPATES_IN]->(i) | a]) AS members", id=initiative)
    return records[0]["name"], records[0]["territories"], records[0]["members"]


def test_the_page_is_named_after_the_initiative_and_describes_it_in_each_language(
        api: TestClient, sample_db: neo4j.Driver) -> None:
    name, territories, members = facts(sample_db, "INI-CL-001")
    assert members > 1 and territories
    words = {"es": f"con {members} actores participantes", "en":
             f"with {members} participating actors", "pt": f"com {members} atores participantes"}
    kinds = {"es": "iniciativa de clúster", "en": "cluster initiative",
             "pt": "iniciativa de cluster"}
    for language, phrase in words.items():
        response = api.get("/initiative/INI-CL-001", headers={"Accept-Language": language})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        text = response.text
        assert f'<html lang="{language}">' in text
        assert re.findall(r"<title>(.*?)</title>", text) == [html.escape(f"{name} · Articula")]
        found = metas(text)
        assert found["og:title"] == f"{name} · Articula"
        assert found["og:url"].endswith("/initiative/INI-CL-001")
        assert found["og:type"] == "website"
        description = found["og:description"]
        assert description == found["description"]
        assert phrase in description and kinds[language] in description
        assert all(territory in description for territory in territories)
        # the page's files are addressed from one level down, so that they load here
        assert 'src="../explorer/js/main.js"' in text
        assert 'href="../explorer/explorer.css"' in text


def test_an_unknown_initiative_answers_404_with_the_plain_page(api: TestClient) -> None:
    response = api.get("/initiative/INI-NOPE-999")
    assert response.status_code == 404
    assert "og:title" not in response.text
    assert 'src="../explorer/js/main.js"' in response.text


def test_what_the_data_says_is_escaped_not_run(api: TestClient, sample_db: neo4j.Driver
                                               ) -> None:
    hostile = '"><script>alert(1)</script><meta property="og:title" content="x'
    sample_db.execute_query(
        "CREATE (:Initiative {id: 'INI-XSS-1', name: $name, type: 'CLUSTER', "
        "description: $name})", name=hostile)
    try:
        text = api.get("/initiative/INI-XSS-1", headers={"Accept-Language": "en"}).text
    finally:
        sample_db.execute_query("MATCH (i:Initiative {id: 'INI-XSS-1'}) DELETE i")
    assert "<script>alert" not in text
    found = metas(text)
    assert found["og:title"] == f"{hostile} · Articula"
    assert found["og:description"].endswith(hostile)
    assert "Articula: cluster initiative with 0 participating actors." in found["description"]
