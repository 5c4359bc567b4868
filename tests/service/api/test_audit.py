"""The audit trail: every write records who, when, what, before and after; admins read it."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import neo4j
from fastapi.testclient import TestClient

from service.cypher_catalog import cypher
from tests.neo4j_backends import Backend
from tests.service.api.writing import call, error_of, one

TRAIL = """query($first: Int!, $after: String, $target: ID, $keyId: String) {
  auditTrail(first: $first, after: $after, target: $target, keyId: $keyId) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id at keyId role operation targets before after graphVersion } }
  } }"""


def trail(app: TestClient, keys: dict[str, tuple[str, str]], **variables: Any
          ) -> dict[str, Any]:
    answer = call(app, TRAIL, {"first": 50, **variables}, keys["ADMIN"][1])
    assert "errors" not in answer, answer["errors"]
    return dict(answer["data"]["auditTrail"])


def entries(app: TestClient, keys: dict[str, tuple[str, str]], **variables: Any
            ) -> list[dict[str, Any]]:
    return [edge["node"] for edge in trail(app, keys, **variables)["edges"]]


def test_a_mutation_records_key_role_operation_time_before_and_after(
    graph: neo4j.Driver, app: TestClient, keys: dict[str, tuple[str, str]]
) -> None:
    editor_id, editor = keys["EDITOR"]
    start = datetime.now(UTC)
    answer = call(app, 'mutation { updateFirm(input: {id: "FIRM-CO-002", employees: 199, '
                       'sectorCodes: ["2710", "2732"]}) { auditId graphVersion } }', key=editor)
    result = answer["data"]["updateFirm"]
    [entry] = entries(app, keys, target="FIRM-CO-002", keyId=editor_id)
    assert entry["id"] == result["auditId"]
    assert (entry["keyId"], entry["role"], entry["operation"], entry["targets"]) == \
        (editor_id, "EDITOR", "updateFirm", ["FIRM-CO-002"])
    at = datetime.fromisoformat(entry["at"])
    assert start - timedelta(seconds=5) <= at <= datetime.now(UTC) + timedelta(seconds=5)
    assert entry["before"]["employees"] == 180 and entry["after"]["employees"] == 199
    assert entry["before"]["sectorCodes"] == ["2710"]
    assert entry["after"]["sectorCodes"] == ["2710", "2732"]
    assert {k: v for k, v in entry["before"].items() if k not in ("employees", "sectorCodes")} \
        == {k: v for k, v in entry["after"].items() if k not in ("employees", "sectorCodes")}
    assert entry["graphVersion"] == result["graphVersion"]
    stored = one(graph, "MATCH (a:AuditEntry {id: $id}) RETURN a", id=entry["id"])
    assert json.loads(stored["before"])["employees"] == 180  # JSON text in the graph
    assert json.loads(stored["after"])["employees"] == 199


def test_every_kind_of_write_is_recorded_newest_first(
    graph: neo4j.Driver, app: TestClient, keys: dict[str, tuple[str, str]]
) -> None:
    admin_id, admin = keys["ADMIN"]
    writes = [
        'createFirm(input: {id: "FIRM-AUD", name: "Auditada", territoryCode: "CO"})',
        'createSupply(input: {supplierId: "FIRM-AUD", clientId: "FIRM-CO-001", weight: 0.3})',
        'updateSupply(input: {supplierId: "FIRM-AUD", clientId: "FIRM-CO-001", weight: 0.4})',
        'deleteSupply(supplierId: "FIRM-AUD", clientId: "FIRM-CO-001")',
        'deleteFirm(id: "FIRM-AUD")',
    ]
    for write in writes:
        assert "errors" not in call(app, f"mutation {{ {write} {{ auditId }} }}", key=admin)
    found = entries(app, keys, target="FIRM-AUD", keyId=admin_id)
    assert [e["operation"] for e in found] == ["deleteFirm", "deleteSupply", "updateSupply",
                                               "createSupply", "createFirm"]
    assert all(e["role"] == "ADMIN" and e["keyId"] == admin_id for e in found)
    delete_firm, delete_supply, update_supply, create_supply, create_firm = found
    assert create_firm["before"] is None and create_firm["after"]["name"] == "Auditada"
    assert create_supply["after"]["weight"] == 0.3
    assert (update_supply["before"]["weight"], update_supply["after"]["weight"]) == (0.3, 0.4)
    assert delete_supply["before"]["weight"] == 0.4 and delete_supply["after"] is None
    assert delete_firm["before"]["id"] == "FIRM-AUD" and delete_firm["after"] is None
    assert create_supply["targets"] == ["FIRM-AUD", "FIRM-CO-001"]


def test_the_trail_pages_by_cursor_and_filters_by_key(
    graph: neo4j.Driver, app: TestClient, keys: dict[str, tuple[str, str]]
) -> None:
    editor_id, editor = keys["EDITOR"]
    for employees in (1, 2, 3):
        call(app, f'mutation {{ updateFirm(input: {{id: "FIRM-CO-003", employees: {employees}}})'
                  " { auditId } }", key=editor)
    # the trail outlives resets (and so earlier runs' entries): this run's key picks ours
    first = trail(app, keys, first=2, target="FIRM-CO-003", keyId=editor_id)
    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["after"]["employees"] for e in first["edges"]] == [3, 2]
    # a write in between does not shift the next page: the cursor is an entry, not a position
    call(app, 'mutation { updateFirm(input: {id: "FIRM-CO-003", employees: 4}) { auditId } }',
         key=editor)
    rest = trail(app, keys, first=2, target="FIRM-CO-003", keyId=editor_id,
                 after=first["pageInfo"]["endCursor"])
    assert [e["node"]["after"]["employees"] for e in rest["edges"]] == [1]
    assert rest["pageInfo"]["hasNextPage"] is False
    assert all(e["keyId"] == editor_id for e in entries(app, keys, keyId=editor_id))
    assert entries(app, keys, keyId="000000000000") == []
    bad = error_of(call(app, TRAIL, {"first": 2, "after": "nope"}, keys["ADMIN"][1]))
    assert bad["extensions"]["code"] == "BAD_USER_INPUT"


def test_register_initiative_and_http_loads_are_recorded_and_reset_keeps_the_trail(
    graph: neo4j.Driver, app: TestClient, keys: dict[str, tuple[str, str]],
    neo4j_backend: Backend
) -> None:
    admin_id, admin = keys["ADMIN"]
    answer = call(app, """mutation { registerInitiative(input: {
        initiative: {id: "INI-AUD", name: "Red Auditada", type: "BUSINESS_NETWORK",
                     territoryCodes: ["CL"]},
        participants: [{actorId: "FIRM-CO-001", role: "MEMBER"}]}) { auditId } }""", key=admin)
    assert "errors" not in answer, answer
    [registered] = entries(app, keys, target="INI-AUD", keyId=admin_id)
    assert registered["operation"] == "registerInitiative"
    assert registered["after"]["initiative"]["territoryCodes"] == ["CL"]
    assert registered["after"]["participations"][0]["actorId"] == "FIRM-CO-001"

    response = app.post("/admin/load", json={"firms": [
        {"id": "FIRM-AUD-LOAD", "name": "x", "territory_code": "CL"}]},
        headers={"Authorization": f"Bearer {admin}"})
    assert response.status_code == 200, response.text
    load = next(e for e in entries(app, keys, keyId=admin_id) if e["operation"] == "load")
    assert load["after"]["loadId"] == response.json()["loadId"]
    assert load["after"]["created"] == 2

    count = one(graph, "MATCH (a:AuditEntry) RETURN count(a)")
    with graph.session(database=neo4j_backend.settings.neo4j_database) as session:
        session.run(cypher("db/reset")).consume()
    assert one(graph, "MATCH (a:AuditEntry) RETURN count(a)") == count
    assert one(graph, "MATCH (n:Initiative {id: 'INI-AUD'}) RETURN count(n)") == 0
