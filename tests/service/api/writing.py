"""Helpers for the tests that write through the API: keys, calls, graph reads."""

from typing import Any

import neo4j
from fastapi.testclient import TestClient

from loaders.load import SAMPLE, load
from service.access import create_key
from service.cypher_catalog import cypher
from tests.conftest import fresh_reference


def fresh_sample(driver: neo4j.Driver, database: str) -> None:
    """Reference data plus the sample, nothing else (API keys and the audit trail survive)."""
    with driver.session(database=database) as session:
        session.run(cypher("db/reset")).consume()
    load(SAMPLE, driver, database, progress=False)


def prepare(driver: neo4j.Driver, database: str) -> dict[str, tuple[str, str]]:
    """Schema, reference data, the sample and one key per role: role -> (key id, key)."""
    fresh_reference(driver, database)
    fresh_sample(driver, database)
    keys = {}
    for role in ("READER", "EDITOR", "ADMIN"):
        made = create_key(driver, database, f"test {role}", role)
        keys[role] = (made.id, made.key)
    return keys


def clean_up(driver: neo4j.Driver, database: str) -> None:
    """Delete the keys and audit entries a module made: `db reset` keeps them, and the
    modules after it count what a reset leaves."""
    driver.execute_query("MATCH (n) WHERE n:AuditEntry OR n:ApiKey DETACH DELETE n",
                         database_=database)


def call(api: TestClient, query: str, variables: dict[str, Any] | None = None,
         key: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = api.post("/graphql", json={"query": query, "variables": variables or {}},
                        headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def one(driver: neo4j.Driver, query: str, **parameters: Any) -> Any:
    """The single value a Cypher query returns."""
    records, _, _ = driver.execute_query(query, parameters)
    assert len(records) == 1, records
    return records[0][0]


def node_props(driver: neo4j.Driver, entity_id: str) -> dict[str, Any] | None:
    records, _, _ = driver.execute_query(
        "MATCH (n {id: $id}) WHERE n:Initiative OR n:Actor OR n:Program "
        "RETURN properties(n) AS p", id=entity_id)
    return dict(records[0]["p"]) if records else None


def codes(driver: neo4j.Driver, entity_id: str, rel: str) -> list[str]:
    """The codes of the territories (LOCATED_IN) or sectors (IN_SECTOR) of an entity."""
    records, _, _ = driver.execute_query(
        f"MATCH (n {{id: $id}})-[:{rel}]->(t) RETURN t.code AS code ORDER BY code",
        id=entity_id)
    return [r["code"] for r in records]


def graph_version(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query(
        "OPTIONAL MATCH (g:GraphVersion {id: 'graph'}) RETURN coalesce(g.version, 0) AS v")
    return int(records[0]["v"])


def error_of(answer: dict[str, Any]) -> dict[str, Any]:
    errors = answer.get("errors")
    assert isinstance(errors, list) and errors, answer
    return dict(errors[0])


RESULT = "{ auditId operation targets graphVersion before after node { id name } }"
