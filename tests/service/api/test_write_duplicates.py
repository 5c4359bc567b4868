"""A write that would add a firm, institution or initiative likely already there is refused
with the ids to link instead; `allowDuplicate: true` creates it all the same."""

from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from tests.service.api.writing import RESULT, call, error_of, node_props

CREATE_FIRM = ("mutation($input: FirmInput!, $allow: Boolean! = false) { "
               f"createFirm(input: $input, allowDuplicate: $allow) {RESULT} }}")
REGISTER = ("mutation($input: RegisterInitiativeInput!) { "
            f"registerInitiative(input: $input) {RESULT} }}")
LIKE_FIRM_CO_002 = {"id": "FIRM-CO-900", "name": "TRANSFORMADORES ANDINOS SAS",
                    "territoryCode": "CO-ANT"}


@pytest.fixture
def edit(app: TestClient, keys: dict[str, tuple[str, str]]) -> Any:
    def run(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return call(app, query, variables, keys["EDITOR"][1])
    return run


def test_a_firm_like_one_in_the_database_is_refused_with_its_id(graph: neo4j.Driver,
                                                                 edit: Any) -> None:
    error = error_of(edit(CREATE_FIRM, {"input": LIKE_FIRM_CO_002}))
    assert error["extensions"]["code"] == "LIKELY_DUPLICATE"
    assert error["extensions"]["candidates"] == ["FIRM-CO-002"]
    assert error["message"] == (
        "The input adds what is likely there already; nothing was written:\n"
        "mutation createFirm, firms, item 1, column name: 'TRANSFORMADORES ANDINOS SAS': "
        "likely the same firm as 'Transformadores Andinos S.A.S.' (FIRM-CO-002) in the "
        "database (names 100% alike); if it is, use FIRM-CO-002; if it is not, send the "
        "mutation again with allowDuplicate: true")
    assert node_props(graph, "FIRM-CO-900") is None


def test_allow_duplicate_creates_it_all_the_same(graph: neo4j.Driver, edit: Any) -> None:
    answer = edit(CREATE_FIRM, {"input": LIKE_FIRM_CO_002, "allow": True})
    assert "errors" not in answer, answer["errors"]
    stored = node_props(graph, "FIRM-CO-900")
    assert stored is not None
    assert {k: v for k, v in stored.items() if k != "loadId"} == {
        "id": "FIRM-CO-900", "name": "TRANSFORMADORES ANDINOS SAS"}


def test_a_registration_with_a_new_member_like_an_existing_actor_names_it(
        graph: neo4j.Driver, edit: Any) -> None:
    error = error_of(edit(REGISTER, {"input": {
        "initiative": {"id": "INI-CO-900", "name": "Clúster de transformadores",
                       "type": "CLUSTER", "territoryCodes": ["CO-ANT"]},
        "participants": [{"firm": LIKE_FIRM_CO_002, "role": "MEMBER"}]}}))
    assert (error["extensions"]["code"], error["extensions"]["candidates"]) == (
        "LIKELY_DUPLICATE", ["FIRM-CO-002"])
    assert node_props(graph, "INI-CO-900") is None
