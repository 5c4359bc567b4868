"""Random mutation inputs from an EDITOR: every answer is a write or an error with a code other
than INTERNAL_SERVER_ERROR; a refused write leaves the graph exactly as it was, and an accepted
one leaves its audit entry and bumps the graph version once if it changed anything."""

from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.service.api.writing import call, graph_version, one

CODES = {"BAD_USER_INPUT", "NOT_FOUND", "GRAPHQL_VALIDATION_FAILED"}

ids = st.one_of(st.text(max_size=20), st.sampled_from([
    "INI-CO-001", "INI-MX-002", "FIRM-CO-001", "FIRM-MX-001", "INST-CO-UDEA", "PROG-PE-001",
    "NEW-1", "NEW-2", "", " ", "ini-co-001", "FIRM-CO-001 ", "' OR 1=1 --"]))
text = st.one_of(st.none(), st.text(max_size=30), st.sampled_from([
    "CO", "CO-ANT", "MX-NLE", "XX", "1071", "C", "10", "99", "SMALL", "pequeña", "cluster",
    "clúster", "gobierno", "academia", "MEMBER", "miembro", "LEAD", "x" * 300]))
years = st.one_of(st.none(), st.integers(-10**4, 10**4), st.sampled_from([1799, 1800, 2026,
                                                                          2200, 2201]))
numbers = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from([-1.0, 0.0, 1.0, 1.5]))
anything = st.one_of(text, years, numbers, st.booleans(), st.lists(text, max_size=3))
codes = st.one_of(st.none(), st.lists(text, max_size=3), anything)


def some(fields: dict[str, Any]) -> Any:
    return st.fixed_dictionaries({}, optional=fields)


firm = st.fixed_dictionaries({"id": ids}, optional={
    "name": text, "size": text, "territoryCode": text, "sectorCodes": codes,
    "employees": st.one_of(years, anything), "foundedYear": years, "taxId": text})
initiative = st.fixed_dictionaries({"id": ids}, optional={
    "name": text, "type": text, "status": text, "startYear": years, "endYear": years,
    "territoryCodes": codes, "sectorCodes": codes, "description": text, "website": text})
tie = {"role": text, "since": years, "until": years, "source": text, "confidence": numbers}

OPERATIONS: dict[str, tuple[str, Any]] = {
    "createFirm": ("mutation($v: FirmInput!) { createFirm(input: $v) { auditId } }", firm),
    "updateFirm": ("mutation($v: FirmInput!) { updateFirm(input: $v) { auditId } }", firm),
    "updateInitiative": ("mutation($v: InitiativeInput!) { updateInitiative(input: $v) "
                         "{ auditId } }", initiative),
    "createParticipation": (
        "mutation($v: ParticipationInput!) { createParticipation(input: $v) { auditId } }",
        st.fixed_dictionaries({"actorId": ids, "initiativeId": ids}, optional=tie)),
    "createSupply": (
        "mutation($v: SupplyInput!) { createSupply(input: $v) { auditId } }",
        st.fixed_dictionaries({"supplierId": ids, "clientId": ids},
                              optional={**tie, "weight": numbers})),
    "deleteGovernance": (
        "mutation($v: ID!, $w: ID!) { deleteGovernance(institutionId: $v, initiativeId: $w) "
        "{ auditId } }", st.tuples(ids, ids)),
    "registerInitiative": (
        "mutation($v: RegisterInitiativeInput!) { registerInitiative(input: $v) { auditId } }",
        st.fixed_dictionaries({"initiative": initiative}, optional={
            "participants": st.lists(some({"actorId": ids, "firm": firm, **tie}), max_size=3),
            "governance": st.lists(some({"institutionId": ids, **tie}), max_size=2),
            "support": st.lists(st.fixed_dictionaries({"programId": ids}, optional={
                **tie, "amount": numbers, "currency": text}), max_size=2)})),
}


def content(driver: neo4j.Driver) -> list[str]:
    """Every node and relationship but the reference data's and the audit trail's, with its
    properties, sorted."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n) WHERE n:Initiative OR n:Actor OR n:Program "
        "RETURN [labels(n), properties(n)] AS item "
        "UNION ALL MATCH (a)-[r]->(b) WHERE NOT a:Territory AND NOT a:Sector "
        "AND NOT a:AuditEntry AND NOT b:AuditEntry "
        "RETURN [a.id, type(r), coalesce(b.id, b.code), properties(r)] AS item } "
        "RETURN item")
    return sorted(repr(r["item"]) for r in records)


def variables(name: str, value: Any) -> dict[str, Any]:
    if name == "deleteGovernance":
        return {"v": value[0], "w": value[1]}
    return {"v": value}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_random_mutations_write_fully_or_not_at_all(
        app: TestClient, keys: dict[str, tuple[str, str]], graph: neo4j.Driver,
        name: str) -> None:
    query, values = OPERATIONS[name]

    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(value=values)
    def writes_fully_or_not_at_all(value: Any) -> None:
        before, version = content(graph), graph_version(graph)
        answer = call(app, query, variables(name, value), keys["EDITOR"][1])
        errors = answer.get("errors", [])
        for error in errors:
            assert error["extensions"]["code"] in CODES, (value, error)
        if errors:
            assert content(graph) == before, value
            assert graph_version(graph) == version
        else:
            audit_id = answer["data"][name]["auditId"]
            changed = content(graph) != before  # an update to the same values changes nothing
            assert graph_version(graph) == version + changed
            assert one(graph, "MATCH (a:AuditEntry {id: $id}) RETURN count(a)", id=audit_id) == 1

    writes_fully_or_not_at_all()
