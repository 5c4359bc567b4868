"""The sample dataset, loaded once per module, behind the whole app; read-only tests only."""

import csv
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import SAMPLE, init, load
from service.app import create_app
from service.cypher_catalog import cypher
from service.database import Database
from tests.neo4j_backends import Backend

GraphQL = Callable[..., dict[str, Any]]


@cache
def sample(table: str) -> list[dict[str, str]]:
    """The rows of a sample CSV, as the independent reference the answers are checked against."""
    with (Path(SAMPLE) / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def sample_db(driver: neo4j.Driver, neo4j_backend: Backend) -> neo4j.Driver:
    """The reference data plus the sample dataset, loaded afresh for the module."""
    database = neo4j_backend.settings.neo4j_database
    with driver.session(database=database) as session:
        session.run(cypher("db/reset")).consume()
    init(driver, database)
    load(SAMPLE, driver, database, progress=False)
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
