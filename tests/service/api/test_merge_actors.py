"""mergeActors: the ties of the actor that goes move to the one that stays, nothing is lost
or doubled, and the audit entry keeps both."""

from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from tests.service.api.writing import RESULT, call, error_of, graph_version, node_props

MERGE = ("mutation($keep: ID!, $remove: ID!) { "
         f"mergeActors(keep: $keep, remove: $remove) {RESULT} }}")
TIES = """
MATCH (n:Actor {id: $id})-[r]-(other)
RETURN type(r) AS type, startNode(r) = n AS out, coalesce(other.id, other.code) AS other,
       r {.*, loadId: null} AS props
ORDER BY type, out, other"""


def ties(driver: neo4j.Driver, actor: str) -> list[tuple[str, bool, str, dict[str, Any]]]:
    records, _, _ = driver.execute_query(TIES, id=actor)
    return [(r["type"], r["out"], r["other"], {k: v for k, v in r["props"].items() if v})
            for r in records]


@pytest.fixture
def admin(app: TestClient, keys: dict[str, tuple[str, str]]) -> Any:
    def run(variables: dict[str, Any]) -> dict[str, Any]:
        return call(app, MERGE, variables, keys["ADMIN"][1])
    return run


def test_the_removed_actors_ties_move_to_the_kept_one_and_it_is_gone(
        graph: neo4j.Driver, admin: Any) -> None:
    kept, removed = ties(graph, "FIRM-CO-003"), ties(graph, "FIRM-CO-004")
    version = graph_version(graph)
    answer = admin({"keep": "FIRM-CO-003", "remove": "FIRM-CO-004"})
    assert "errors" not in answer, answer["errors"]
    result = answer["data"]["mergeActors"]
    # what FIRM-CO-003 had, plus what FIRM-CO-004 had with other nodes, but its territory
    # (003 has one) and a tie of a type 003 has already with the same node
    expected = set(map(repr, kept))
    for type_, out, other, props in removed:
        if other == "FIRM-CO-003" or type_ == "LOCATED_IN":
            continue
        if not any(t == type_ and o == out and x == other for t, o, x, _ in kept):
            expected.add(repr((type_, out, other, props)))
    assert sorted(map(repr, ties(graph, "FIRM-CO-003"))) == sorted(expected)
    assert node_props(graph, "FIRM-CO-004") is None
    assert result["targets"] == ["FIRM-CO-003", "FIRM-CO-004"]
    assert result["graphVersion"] == version + 1
    assert result["before"]["remove"]["id"] == "FIRM-CO-004"
    moved = result["after"]["relationshipsMoved"] + result["after"]["relationshipsDropped"]
    assert moved == len(removed)


@pytest.mark.parametrize(("keep", "remove", "code"), [
    ("FIRM-CO-003", "FIRM-CO-003", "BAD_USER_INPUT"),
    ("FIRM-CO-003", "FIRM-NOPE", "NOT_FOUND"),
    ("FIRM-CO-003", "INI-CO-001", "NOT_FOUND"),
    ("FIRM-CO-003", "INST-CO-GOBANT", "BAD_USER_INPUT"),
])
def test_a_merge_that_cannot_be_is_refused_and_writes_nothing(
        graph: neo4j.Driver, admin: Any, keep: str, remove: str, code: str) -> None:
    version = graph_version(graph)
    assert error_of(admin({"keep": keep, "remove": remove}))["extensions"]["code"] == code
    assert graph_version(graph) == version
