"""Random GraphQL inputs never crash the service: every answer is data or errors with a code
other than INTERNAL_SERVER_ERROR."""

from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.neo4j_backends import Backend
from tests.service.api.sample_network import sample_client

CODES = {"BAD_USER_INPUT", "NOT_FOUND", "QUERY_TOO_COMPLEX", "GRAPHQL_VALIDATION_FAILED"}

text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["CO", "CO-ANT", "MX-NLE-19039", "C", "10", "1071", "XX", "", " ", "*",
                     "Medellin", "\"", "\\", "AND", "OR NOT", "~1", "name:x", "(", "[a TO z]",
                     "' OR 1=1 --", "MATCH (n) DETACH DELETE n", "INI-CO-001", "FIRM-MX-001",
                     "PROG-PE-001", "INST-CO-UDEA"]),
)
numbers = st.one_of(st.integers(-10**6, 10**6), st.sampled_from([0, 1, 2026, 1799, 2201]))
anything = st.one_of(text, numbers, st.none(), st.booleans(),
                     st.floats(allow_nan=False, allow_infinity=False), st.lists(text, max_size=4))
codes = st.one_of(st.none(), st.lists(text, max_size=4), anything)
scope = st.one_of(st.none(), st.fixed_dictionaries({}, optional={
    "countries": codes, "territories": codes, "sectors": codes,
    "initiativeTypes": st.one_of(codes, st.lists(st.sampled_from(
        ["CLUSTER", "VALUE_CHAIN", "LOCAL_PRODUCTIVE"]), max_size=3)),
    "actorKinds": st.one_of(codes, st.lists(st.sampled_from(["FIRM", "ACADEMIA"]), max_size=2)),
    "year": st.one_of(numbers, anything),
}))

OPERATIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "network": ("query($scope: ScopeInput, $projection: Projection!) { network(scope: $scope, "
                "projection: $projection) { nodeCount edgeCount } }",
                {"scope": scope, "projection": st.sampled_from(
                    ["FULL", "ACTORS", "INITIATIVES", "GOVERNANCE", "SUPPLY", "NONE", 3])}),
    "initiatives": ("query($filter: InitiativeFilter, $first: Int, $after: String) { "
                    "initiatives(filter: $filter, first: $first, after: $after) { totalCount "
                    "edges { node { id } } } }",
                    {"filter": st.one_of(st.none(), st.fixed_dictionaries({}, optional={
                        "countries": codes, "territories": codes, "sectors": codes,
                        "year": anything, "search": st.one_of(text, anything)})),
                     "first": st.one_of(numbers, st.none()), "after": st.one_of(text, anything)}),
    "egoNetwork": ("query($id: ID!, $depth: Int!) { egoNetwork(id: $id, depth: $depth) "
                   "{ nodeCount } }", {"id": text, "depth": numbers}),
    "coordinationGaps": ("query($scope: ScopeInput) { coordinationGaps(scope: $scope) "
                         "{ kind severity } }", {"scope": scope}),
    "matchmaking": ("query($id: ID!, $k: Int!) { matchmaking(id: $id, k: $k) "
                    "{ matches { score } } }",
                    {"id": text, "k": numbers}),
}


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    yield from sample_client(driver, neo4j_backend)


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_random_inputs_get_data_or_a_coded_error(client: TestClient, name: str) -> None:
    query, variables = OPERATIONS[name]

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(values=st.fixed_dictionaries(variables))
    def answers_cleanly(values: dict[str, Any]) -> None:
        response = client.post("/graphql", json={"query": query, "variables": values})
        assert response.status_code == 200, response.text
        body = response.json()
        for error in body.get("errors", []):
            assert error["extensions"]["code"] in CODES, (values, error)
        if "errors" not in body:
            assert body["data"][name] is not None

    answers_cleanly()
