"""The sample dataset, loaded once per module, behind the whole app; read-only tests only."""

import csv
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import SAMPLE, load
from service.app import create_app
from service.database import Database
from tests.conftest import fresh_reference
from tests.neo4j_backends import Backend
from tests.service.api.writing import clean_up, fresh_sample, prepare

GraphQL = Callable[..., dict[str, Any]]


@cache
def sample(table: str) -> list[dict[str, str]]:
    """The rows of a sample CSV, as the independent reference the answers are checked against."""
    with (Path(SAMPLE) / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


MARKER = str(uuid.uuid4())  # tells this session's sample load from anything else


@pytest.fixture(scope="module")
def sample_db(driver: neo4j.Driver, neo4j_backend: Backend) -> neo4j.Driver:
    """The reference data plus the sample dataset, loaded unless the last module left it.

    Any other test empties or resets the database, which deletes the marker node with it.
    """
    database = neo4j_backend.settings.neo4j_database
    records, _, _ = driver.execute_query(
        "MATCH (m:TestSampleMarker {token: $token}) RETURN count(m) AS n",
        token=MARKER, database_=database,
    )
    if records[0]["n"]:
        return driver
    fresh_reference(driver, database)
    load(SAMPLE, driver, database, progress=False)
    driver.execute_query(
        "CREATE (:TestSampleMarker {token: $token})", token=MARKER, database_=database
    )
    return driver


@pytest.fixture(scope="module")
def api(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_backend.settings)) as client:
        yield client


@pytest.fixture(scope="module")
def database(api: TestClient) -> Database:
    """The app's Database, whose round-trip counter the tests read."""
    db: Database = api.app.state.db  # type: ignore[attr-defined]
    return db


def post(api: TestClient, query: str, variables: dict[str, Any] | None = None
         ) -> dict[str, Any]:
    response = api.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    return dict(response.json())


@pytest.fixture(scope="module")
def gql(api: TestClient) -> GraphQL:
    """Run a query that must succeed; its `data`."""

    def run(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = post(api, query, variables)
        assert "errors" not in body, body["errors"]
        return dict(body["data"])

    return run


@pytest.fixture(scope="module")
def gql_error(api: TestClient) -> GraphQL:
    """Run a query that must fail; its first error."""

    def run(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = post(api, query, variables)
        assert body.get("errors"), body
        return dict(body["errors"][0])

    return run


def integer(text: str) -> int | None:
    return int(text) if text else None


def number(text: str) -> float | None:
    return float(text) if text else None


def text(value: str) -> str | None:
    return value or None


def codes(cell: str) -> list[str]:
    return [code for code in cell.split(";") if code]


@cache
def isic() -> dict[str, dict[str, str]]:
    """The reference ISIC Rev.4 table, by code."""
    path = Path(SAMPLE).parent / "reference" / "isic_rev4.csv"
    with path.open(encoding="utf-8", newline="") as file:
        return {row["code"]: row for row in csv.DictReader(file)}


@cache
def national_sectors() -> dict[str, dict[str, str]]:
    """The reference national sector classifications (SCIAN, CIIU-CO), by code."""
    path = Path(SAMPLE).parent / "reference" / "national_sectors.csv"
    with path.open(encoding="utf-8", newline="") as file:
        return {row["code"]: row for row in csv.DictReader(file)}


def territory_parent(code: str) -> str | None:
    """A municipality's parent from territories.csv; a subdivision's is its country."""
    parents = {row["code"]: row["parent_code"] for row in sample("territories")}
    if code in parents:
        return parents[code]
    return code.split("-")[0] if "-" in code else None


def territory_line(code: str) -> set[str]:
    """`code` and every territory above it."""
    line: set[str] = set()
    current: str | None = code
    while current:
        line.add(current)
        current = territory_parent(current)
    return line


def sector_line(code: str) -> set[str]:
    """`code` and every ISIC code above it."""
    line: set[str] = set()
    current = code
    while current:
        line.add(current)
        current = isic()[current]["parent_code"]
    return line


def ordered(items: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any],
            descending: bool = False, tie: str = "id") -> list[Any]:
    """The order the API promises: by key (missing last ascending, first descending), then id."""
    present = sorted((i for i in items if key(i) is not None), key=lambda i: i[tie])
    present.sort(key=key, reverse=descending)
    missing = sorted((i for i in items if key(i) is None), key=lambda i: i[tie])
    return [i[tie] for i in (missing + present if descending else present + missing)]


@pytest.fixture(scope="module")
def keys(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[dict[str, tuple[str, str]]]:
    """An API key per role for a module that writes; they and their audit entries go at its
    end."""
    database = neo4j_backend.settings.neo4j_database
    yield prepare(driver, database)
    clean_up(driver, database)


@pytest.fixture(scope="module")
def app(keys: dict[str, tuple[str, str]], neo4j_backend: Backend) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_backend.settings)) as client:
        yield client


@pytest.fixture
def graph(driver: neo4j.Driver, neo4j_backend: Backend,
          keys: dict[str, tuple[str, str]]) -> neo4j.Driver:
    """The sample, as loaded: each test of a module that writes starts from it."""
    fresh_sample(driver, neo4j_backend.settings.neo4j_database)
    return driver
