"""The HTTP surface: liveness, readiness and `about`, against the live server."""

from pathlib import Path

import neo4j
from fastapi.testclient import TestClient

EXAMPLES = Path(__file__).resolve().parents[2] / "graphql" / "examples"
ABOUT = (EXAMPLES / "about.graphql").read_text()


def server_versions(driver: neo4j.Driver) -> tuple[str, str]:
    """Read the versions straight from the server, independently of the app."""
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD versions RETURN versions[0] AS neo4j, gds.version() AS gds"
    )
    return records[0]["neo4j"], records[0]["gds"]


def test_healthz_says_the_process_is_alive(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_says_ready_without_telling_versions(client: TestClient, db: neo4j.Driver) -> None:
    neo4j_version, gds_version = server_versions(db)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}  # anyone may ask: no versions to target
    assert neo4j_version not in response.text
    assert gds_version not in response.text


def test_about_answers_with_the_versions_of_the_running_server(
    client: TestClient, db: neo4j.Driver
) -> None:
    neo4j_version, gds_version = server_versions(db)
    response = client.post("/graphql", json={"query": ABOUT})
    assert response.status_code == 200
    about = response.json()["data"]["about"]
    assert about["neo4jVersion"] == neo4j_version
    assert about["gdsVersion"] == gds_version
    assert about["neo4jEdition"] in {"community", "enterprise"}
    assert about["version"]


def test_an_invalid_query_is_an_error_with_a_code(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ about { colour } }"})
    error = response.json()["errors"][0]
    assert "colour" in error["message"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"

