"""On the 100k-actor dataset: the list plans give the same pages, and the Explorer's first
view (the whole FULL network, refused past the edge limit) has its overview."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import init, load, reset
from service.app import create_app
from tests.neo4j_backends import Backend
from tests.service.api.test_list_plans import LISTS, assert_same_pages, read

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client_100k(synthetic_100k: Path, driver: neo4j.Driver,
                neo4j_backend: Backend) -> Iterator[TestClient]:
    """The 100k-actor dataset loaded, behind the whole app."""
    database = neo4j_backend.settings.neo4j_database
    reset(driver, database)
    init(driver, database)
    load(synthetic_100k, driver, database, progress=False)
    with TestClient(create_app(neo4j_backend.settings)) as client:
        yield client
    reset(driver, database)  # `db reset` of 100k actors, on the test server's small heap


FILTERS = [
    ("firms", {"countries": ["CO"], "sizes": ["SMALL"]}),  # the API benchmark's page
    ("firms", {"sectors": ["10"], "countries": ["MX", "BR"]}),
    ("firms", {"sectors": ["C"]}),
    ("actors", {"territories": ["CO-ANT"], "kinds": ["FIRM", "ACADEMIA"]}),
    ("institutions", {"countries": ["PE"], "levels": ["SUBNATIONAL"]}),
    ("initiatives", {"countries": ["BR", "MX"], "sectors": ["C"]}),
]


def test_every_plan_gives_the_same_pages(client_100k: TestClient, driver: neo4j.Driver,
                                         neo4j_backend: Backend) -> None:
    database = neo4j_backend.settings.neo4j_database
    for name, filters in FILTERS:
        found = assert_same_pages(driver, database, name, filters, 0, 101, ("NAME", "ID"))
        assert found > 101, (name, filters)  # a page does not hold them all
        assert_same_pages(driver, database, name, filters, 150, 50, ("NAME",))
    # what the API answers is that page, whichever plan it chose
    page = client_100k.post("/graphql", json={"query": """{ firms(first: 100, filter:
        {countries: ["CO"], sizes: [SMALL]}) { totalCount edges { node { id } } } }"""}).json()
    expected = read(driver, database, "entities/firms_page", **{
        **LISTS["firms"], "countries": ["CO"], "sizes": ["SMALL"]}, start="ALL",
        orderBy="NAME", descending=False, offset=0, limit=100)
    assert [e["node"]["id"] for e in page["data"]["firms"]["edges"]] == [
        r["node"]["id"] for r in expected]
    counted = read(driver, database, "entities/firms_count", **{
        **LISTS["firms"], "countries": ["CO"], "sizes": ["SMALL"]}, start="ALL")
    assert page["data"]["firms"]["totalCount"] == counted[0]["count"]


FIRST_VIEW = """query ($top: Int) { network(projection: FULL, top: $top) {
    nodeCount edgeCount scopeNodeCount nodes { id label } } }"""


def test_the_explorer_first_view_is_an_overview_not_an_error(client_100k: TestClient,
                                                              driver: neo4j.Driver) -> None:
    whole: dict[str, Any] = client_100k.post("/graphql", json={
        "query": FIRST_VIEW, "variables": {"top": None}}).json()
    error = whole["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "more than 50,000 edges" in error["message"]
    overview = client_100k.post("/graphql", json={
        "query": FIRST_VIEW, "variables": {"top": 1500}}).json()
    assert "errors" not in overview, overview["errors"]
    network = overview["data"]["network"]
    assert network["nodeCount"] == 1500
    assert network["scopeNodeCount"] == 101_250  # every initiative, actor and programme
    assert 0 < network["edgeCount"] <= 50_000
    # the 1,500 with the most relationships, counted here apart
    records, _, _ = driver.execute_query("""
        MATCH (n) WHERE n:Initiative OR n:Actor OR n:Program
        WITH n, COUNT { (n)-[r]-() WHERE NOT type(r) IN ['LOCATED_IN', 'IN_SECTOR'] } AS degree
        ORDER BY degree DESC, n.id LIMIT 1500
        RETURN collect(n.id) AS ids""")
    assert {n["id"] for n in network["nodes"]} == set(records[0]["ids"])
