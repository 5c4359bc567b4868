"""Mutations: every entity and link created, updated and deleted on the sample, checked in
the graph with Cypher; bad input gets the loader's message and writes nothing."""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from service import writes
from service.errors import BadUserInput
from tests.loaders.graph_dump import dump
from tests.neo4j_backends import Backend
from tests.service.api.writing import (
    RESULT,
    call,
    codes,
    error_of,
    graph_version,
    node_props,
    one,
)


@pytest.fixture
def edit(app: TestClient, keys: dict[str, tuple[str, str]]) -> Any:
    """Run a mutation as an EDITOR; the whole answer."""
    def run(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return call(app, query, variables, keys["EDITOR"][1])
    return run


def ok(answer: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in answer, answer["errors"]
    return dict(answer["data"][field])


CREATE_FIRM = f"mutation($input: FirmInput!) {{ createFirm(input: $input) {RESULT} }}"
UPDATE_FIRM = f"mutation($input: FirmInput!) {{ updateFirm(input: $input) {RESULT} }}"


# -- entities ---------------------------------------------------------------------------------

def test_create_firm_writes_the_node_its_territory_and_sectors(
    graph: neo4j.Driver, edit: Any
) -> None:
    version = graph_version(graph)
    result = ok(edit(CREATE_FIRM, {"input": {
        "id": "FIRM-NEW-1", "name": "Café de Origen S.A.S.", "size": "pequeña",
        "territoryCode": "co-ant-05364", "sectorCodes": ["1079", "4630"], "employees": 12,
        "foundedYear": 2015, "taxId": "900123456-7"}}), "createFirm")
    props = node_props(graph, "FIRM-NEW-1")
    assert props is not None
    assert {k: v for k, v in props.items() if k != "loadId"} == {
        "id": "FIRM-NEW-1", "name": "Café de Origen S.A.S.", "size": "SMALL", "employees": 12,
        "foundedYear": 2015, "taxId": "900123456-7"}
    assert codes(graph, "FIRM-NEW-1", "LOCATED_IN") == ["CO-ANT-05364"]
    assert codes(graph, "FIRM-NEW-1", "IN_SECTOR") == ["1079", "4630"]
    assert one(graph, "MATCH (n:Actor:Firm {id: 'FIRM-NEW-1'}) RETURN count(n)") == 1
    assert result["before"] is None
    assert result["after"]["territoryCode"] == "CO-ANT-05364"
    assert result["node"] == {"id": "FIRM-NEW-1", "name": "Café de Origen S.A.S."}
    assert result["graphVersion"] == graph_version(graph) == version + 1


def test_update_firm_changes_only_the_fields_given(graph: neo4j.Driver, edit: Any) -> None:
    graph.execute_query("MATCH (f:Firm {id: 'FIRM-CO-002'}) SET f.taxId = '800-1'")
    before = node_props(graph, "FIRM-CO-002")
    territories = codes(graph, "FIRM-CO-002", "LOCATED_IN")
    sectors = codes(graph, "FIRM-CO-002", "IN_SECTOR")
    rels = one(graph, "MATCH ({id: 'FIRM-CO-002'})-[r]-() RETURN count(r)")
    result = ok(edit(UPDATE_FIRM, {"input": {"id": "FIRM-CO-002", "employees": 199}}),
                "updateFirm")
    after = node_props(graph, "FIRM-CO-002")
    assert before is not None and after is not None
    assert after["employees"] == 199
    unchanged = {k: v for k, v in before.items() if k not in ("employees", "loadId")}
    assert {k: v for k, v in after.items() if k not in ("employees", "loadId")} == unchanged
    assert after["taxId"] == "800-1"
    assert codes(graph, "FIRM-CO-002", "LOCATED_IN") == territories
    assert codes(graph, "FIRM-CO-002", "IN_SECTOR") == sectors
    assert one(graph, "MATCH ({id: 'FIRM-CO-002'})-[r]-() RETURN count(r)") == rels
    assert result["before"]["employees"] == 180
    assert result["after"]["employees"] == 199
    assert result["after"]["name"] == result["before"]["name"]


def test_update_replaces_the_territory_and_sectors_given(graph: neo4j.Driver,
                                                         edit: Any) -> None:
    version = graph_version(graph)
    ok(edit(UPDATE_FIRM, {"input": {"id": "FIRM-CO-004", "territoryCode": "CO-ANT-05088",
                                    "sectorCodes": ["7110"]}}), "updateFirm")
    assert codes(graph, "FIRM-CO-004", "LOCATED_IN") == ["CO-ANT-05088"]
    assert codes(graph, "FIRM-CO-004", "IN_SECTOR") == ["7110"]  # 4321 removed
    assert graph_version(graph) == version + 1
    ok(edit(f"""mutation {{ updateInitiative(input: {{id: "INI-CO-001",
        territoryCodes: ["CO-ANT"]}}) {RESULT} }}"""), "updateInitiative")
    assert codes(graph, "INI-CO-001", "LOCATED_IN") == ["CO-ANT"]
    assert len(codes(graph, "INI-CO-001", "IN_SECTOR")) == 5  # not given: unchanged
    ok(edit(UPDATE_FIRM, {"input": {"id": "FIRM-CO-004", "sectorCodes": []}}), "updateFirm")
    assert codes(graph, "FIRM-CO-004", "IN_SECTOR") == []  # an empty list removes them all
    assert codes(graph, "FIRM-CO-004", "LOCATED_IN") == ["CO-ANT-05088"]


def test_an_update_that_changes_nothing_keeps_the_graph_version(graph: neo4j.Driver,
                                                                edit: Any) -> None:
    version = graph_version(graph)
    result = ok(edit(UPDATE_FIRM, {"input": {"id": "FIRM-CO-002", "employees": 180}}),
                "updateFirm")
    assert result["graphVersion"] is None
    assert graph_version(graph) == version
    assert result["before"] == result["after"]


ENTITIES = {
    "Initiative": ({"id": "INI-NEW", "name": "Red de Cacao", "type": "cadena de valor",
                    "status": "ACTIVE", "startYear": 2020, "territoryCodes": ["PE"],
                    "sectorCodes": ["0127"], "website": "https://cacao.example"},
                   {"status": "CONCLUDED", "endYear": 2024}, "INI-CO-002"),
    "Institution": ({"id": "INST-NEW", "name": "Cámara de Comercio de Lima",
                     "kind": "BUSINESS_ASSOCIATION", "level": "LOCAL", "territoryCode": "PE-LIM"},
                    {"level": "SUBNATIONAL"}, "INST-CO-ALCJAR"),
    "Program": ({"id": "PROG-NEW", "name": "Fondo Cacao", "instrument": "grant",
                 "institutionId": "INST-CO-MINCIT", "budget": 1500000.5, "currency": "pen"},
                {"budget": 2000000, "institutionId": "INST-CO-GOBANT"}, "PROG-CO-002"),
    "Firm": ({"id": "FIRM-NEW", "name": "Tostadora", "territoryCode": "CO"},
             {"size": "MICRO"}, "FIRM-CO-003"),
}


@pytest.mark.parametrize("entity", list(ENTITIES))
def test_every_entity_is_created_updated_and_deleted(
    entity: str, graph: neo4j.Driver, edit: Any
) -> None:
    new, change, existing = ENTITIES[entity]
    created = ok(edit(f"mutation($input: {entity}Input!) {{ create{entity}(input: $input) "
                      f"{RESULT} }}", {"input": new}), f"create{entity}")
    assert created["targets"] == [new["id"]]
    assert one(graph, f"MATCH (n:{entity} {{id: $id}}) RETURN n.name", id=new["id"]) \
        == new["name"]

    before = node_props(graph, new["id"])
    updated = ok(edit(f"mutation($input: {entity}Input!) {{ update{entity}(input: $input) "
                      f"{RESULT} }}", {"input": {"id": new["id"], **change}}),
                 f"update{entity}")
    after = node_props(graph, new["id"])
    assert before is not None and after is not None
    for field, value in change.items():
        if field != "institutionId":
            assert after[field] == value, field
            assert updated["after"][field] == value
    assert {k: v for k, v in after.items() if k not in change and k != "loadId"} == \
        {k: v for k, v in before.items() if k not in change and k != "loadId"}
    if entity == "Program":
        assert one(graph, "MATCH (i)-[:RUNS]->(:Program {id: 'PROG-NEW'}) RETURN i.id") \
            == "INST-CO-GOBANT"  # the runner replaced, not added

    rels = one(graph, "MATCH ({id: $id})-[r]-() RETURN count(r)", id=existing)
    version = graph_version(graph)
    deleted = ok(edit(f"mutation {{ delete{entity}(id: \"{existing}\") {RESULT} }}"),
                 f"delete{entity}")
    assert node_props(graph, existing) is None
    assert deleted["before"]["relationshipsDeleted"] == rels
    assert deleted["after"] is None
    assert deleted["graphVersion"] == graph_version(graph) == version + 1
    gone = error_of(edit(f"mutation {{ delete{entity}(id: \"{existing}\") {RESULT} }}"))
    assert gone["extensions"]["code"] == "NOT_FOUND"


def test_an_existing_id_is_refused_on_create_and_a_missing_one_on_update(
    graph: neo4j.Driver, edit: Any
) -> None:
    before = dump(graph)
    taken = error_of(edit(CREATE_FIRM, {"input": {"id": "FIRM-CO-001", "name": "x",
                                                  "territoryCode": "CO"}}))
    assert taken["extensions"]["code"] == "BAD_USER_INPUT"
    assert "'FIRM-CO-001': already exists in the database; updateFirm changes it" \
        in taken["message"]
    missing = error_of(edit(UPDATE_FIRM, {"input": {"id": "FIRM-404", "name": "x"}}))
    assert missing["extensions"]["code"] == "NOT_FOUND"
    wrong_kind = error_of(edit(UPDATE_FIRM, {"input": {"id": "INI-CO-001", "name": "x"}}))
    assert wrong_kind["extensions"]["code"] == "NOT_FOUND"
    assert "it is the id of an initiative" in wrong_kind["message"]
    assert dump(graph) == before


# -- links --------------------------------------------------------------------------------------

# kind, (from, to) of a pair with no such link in the sample, fields, a change
LINKS = {
    "Participation": (("actorId", "initiativeId"), ("INST-INT-CEPAL", "INI-CO-003"),
                      {"role": "socio", "since": 2021}, {"role": "LEADER"}, "PARTICIPATES_IN"),
    "Governance": (("institutionId", "initiativeId"), ("INST-CO-MINCIT", "INI-CO-004"),
                   {"role": "FUNDER", "source": "decree"}, {"until": 2025}, "GOVERNS"),
    "Support": (("programId", "initiativeId"), ("PROG-CO-002", "INI-CO-001"),
                {"amount": 1000, "currency": "COP"}, {"amount": 2500.5}, "SUPPORTS"),
    "Supply": (("supplierId", "clientId"), ("FIRM-CO-001", "FIRM-CO-002"),
               {"weight": 0.1}, {"confidence": 0.5}, "SUPPLIES"),
    "Collaboration": (("initiativeId", "partnerInitiativeId"), ("INI-CO-002", "INI-CO-004"),
                      {"kind": "joint fair"}, {"kind": "shared stand"}, "COLLABORATES_WITH"),
    "Agreement": (("institutionId", "partnerInstitutionId"), ("INST-INT-CAF", "INST-CO-ALCJAR"),
                  {"kind": "memorandum", "since": 2019}, {"until": 2023}, "AGREEMENT_WITH"),
}


def rel_props(driver: neo4j.Driver, type_: str, ends: tuple[str, str]) -> dict[str, Any] | None:
    records, _, _ = driver.execute_query(
        f"MATCH ({{id: $a}})-[r:{type_}]->({{id: $b}}) RETURN properties(r) AS p",
        a=ends[0], b=ends[1])
    assert len(records) <= 1
    return {k: v for k, v in records[0]["p"].items() if k != "loadId"} if records else None


@pytest.mark.parametrize("link", list(LINKS))
def test_every_link_is_created_updated_and_deleted(
    link: str, graph: neo4j.Driver, edit: Any
) -> None:
    names, ends, fields, change, type_ = LINKS[link]
    assert rel_props(graph, type_, ends) is None
    pair = dict(zip(names, ends, strict=True))

    def mutation(verb: str) -> str:
        return f"mutation($input: {link}Input!) {{ {verb}{link}(input: $input) {RESULT} }}"

    version = graph_version(graph)
    created = ok(edit(mutation("create"), {"input": {**pair, **fields}}),
                 f"create{link}")
    stored = rel_props(graph, type_, ends)
    assert stored is not None
    expected = {**fields, "role": "PARTNER"} if link == "Participation" else fields
    assert stored == expected
    assert created["targets"] == list(ends)
    assert created["graphVersion"] == version + 1

    again = error_of(edit(mutation("create"), {"input": {**pair, **fields}}))
    assert again["extensions"]["code"] == "BAD_USER_INPUT"
    assert "already exists" in again["message"]

    updated = ok(edit(mutation("update"), {"input": {**pair, **change}}),
                 f"update{link}")
    assert rel_props(graph, type_, ends) == {**expected, **change}
    assert updated["before"] == {**created["after"]}
    assert updated["after"]["relationship"] == type_

    arguments = ", ".join(f'{name}: "{end}"' for name, end in pair.items())
    version = graph_version(graph)
    deleted = ok(edit(f"mutation {{ delete{link}({arguments}) {RESULT} }}"), f"delete{link}")
    assert rel_props(graph, type_, ends) is None
    assert deleted["graphVersion"] == graph_version(graph) == version + 1
    assert deleted["before"] == updated["after"]
    assert one(graph, "MATCH (n) WHERE n.id IN $ids RETURN count(n)", ids=list(ends)) == 2
    gone = error_of(edit(f"mutation {{ delete{link}({arguments}) {RESULT} }}"))
    assert gone["extensions"]["code"] == "NOT_FOUND"
    missing = error_of(edit(mutation("update"), {"input": {**pair, **change}}))
    assert missing["extensions"]["code"] == "NOT_FOUND"


# -- bad input ------------------------------------------------------------------------------------

BAD = [
    pytest.param(CREATE_FIRM, {"id": "F-X", "name": "x", "territoryCode": "CO",
                               "size": "enorme"},
                 "mutation createFirm, firms, item 1, column size: 'enorme': expected one of "
                 "MICRO, SMALL, MEDIUM, LARGE (or its Spanish or Portuguese name)", "size",
                 id="unknown enum"),
    pytest.param(CREATE_FIRM, {"id": "F-X", "name": "x", "territoryCode": "XX-YY"},
                 "column territory_code: 'XX-YY': unknown territory code", "territoryCode",
                 id="unknown territory"),
    pytest.param(CREATE_FIRM, {"id": "F-X", "name": "x", "territoryCode": "CO",
                               "sectorCodes": ["9999"]},
                 "column sector_codes: '9999': unknown sector code", "sectorCodes",
                 id="unknown sector"),
    pytest.param(CREATE_FIRM, {"id": "F-X", "name": "x", "territoryCode": "CO",
                               "foundedYear": 1700},
                 "column founded_year: '1700': expected a year between 1800 and 2100",
                 "foundedYear", id="bad year"),
    pytest.param(CREATE_FIRM, {"id": "F-X", "territoryCode": "CO"},
                 "column name: '': a value is required", "name", id="missing required"),
    pytest.param("mutation($input: ParticipationInput!) { createParticipation(input: $input) "
                 "{ auditId } }",
                 {"actorId": "F-404", "initiativeId": "INI-CO-001", "role": "MEMBER"},
                 "column actor_id: 'F-404': unknown actor id: not in the dataset nor in the "
                 "database", "actorId", id="dangling reference"),
    pytest.param("mutation($input: GovernanceInput!) { createGovernance(input: $input) "
                 "{ auditId } }",
                 {"institutionId": "FIRM-CO-001", "initiativeId": "INI-CO-001", "role": "CHAIR"},
                 "expected the id of an institution, but it is the id of a firm",
                 "institutionId", id="wrong kind of reference"),
    pytest.param(UPDATE_FIRM, {"id": "FIRM-CO-001", "size": "gigante"},
                 "mutation updateFirm, firms, item 1, column size: 'gigante'", "size",
                 id="unknown enum in an update"),
    pytest.param("mutation($input: InitiativeInput!) { updateInitiative(input: $input) "
                 "{ auditId } }", {"id": "INI-CO-001", "startYear": 2030, "endYear": 2020},
                 "column end_year: '2020': must not be before start_year (2030)", "endYear",
                 id="years out of order"),
]


@pytest.mark.parametrize(("mutation", "value", "message", "field"), BAD)
def test_bad_input_gets_the_loaders_message_and_writes_nothing(
    mutation: str, value: dict[str, Any], message: str, field: str,
    graph: neo4j.Driver, edit: Any
) -> None:
    before, version = dump(graph, stamps=True), graph_version(graph)
    audits = one(graph, "MATCH (a:AuditEntry) RETURN count(a)")
    error = error_of(edit(mutation, {"input": value}))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert message in error["message"]
    assert "nothing was written" in error["message"]
    problems = error["extensions"]["problems"]
    assert [p["field"] for p in problems] == [field]
    assert message in problems[0]["message"]
    assert dump(graph, stamps=True) == before
    assert graph_version(graph) == version
    assert one(graph, "MATCH (a:AuditEntry) RETURN count(a)") == audits


def test_formula_like_text_is_stored_literally(graph: neo4j.Driver, edit: Any) -> None:
    formula = "=cmd|' /C calc'!A0"
    ok(edit(CREATE_FIRM, {"input": {"id": "FIRM-FORMULA", "name": formula,
                                    "territoryCode": "CO", "taxId": "+1-2"}}), "createFirm")
    props = node_props(graph, "FIRM-FORMULA")
    assert props is not None
    assert props["name"] == formula
    assert props["taxId"] == "+1-2"


# -- registerInitiative ----------------------------------------------------------------------------

REGISTER = f"mutation($input: RegisterInitiativeInput!) {{ registerInitiative(input: $input) " \
    f"{RESULT} }}"


def registration(**changes: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "initiative": {"id": "INI-REG", "name": "Clúster del Cacao de San Martín",
                       "type": "CLUSTER", "territoryCodes": ["PE-SAM"], "sectorCodes": ["0127"],
                       "startYear": 2023},
        "participants": [
            {"actorId": "FIRM-CO-001", "role": "ANCHOR", "since": 2023},
            {"firm": {"id": "FIRM-REG-1", "name": "Cacaos del Huallaga", "size": "SMALL",
                      "territoryCode": "PE-SAM"}, "role": "MEMBER"},
            {"institution": {"id": "INST-REG-1", "name": "Universidad Nacional de San Martín",
                             "kind": "academia", "level": "SUBNATIONAL",
                             "territoryCode": "PE-SAM"}, "role": "PARTNER"},
        ],
        "governance": [
            {"institutionId": "INST-INT-CAF", "role": "FUNDER"},
            {"institution": {"id": "INST-REG-2", "name": "Gobierno Regional de San Martín",
                             "kind": "GOVERNMENT", "level": "SUBNATIONAL",
                             "territoryCode": "PE-SAM"}, "role": "CHAIR", "since": 2023},
        ],
        "support": [{"programId": "PROG-CO-001", "amount": 5000, "currency": "USD"}],
    }
    value.update(changes)
    return value


def test_register_initiative_writes_it_all_in_one_call(graph: neo4j.Driver, edit: Any) -> None:
    version = graph_version(graph)
    result = ok(edit(REGISTER, {"input": registration()}), "registerInitiative")
    assert result["targets"] == ["INI-REG", "FIRM-REG-1", "INST-REG-1", "INST-REG-2"]
    assert result["graphVersion"] == version + 1  # one change, one version
    assert result["node"]["id"] == "INI-REG"
    assert codes(graph, "INI-REG", "LOCATED_IN") == ["PE-SAM"]
    members, _, _ = graph.execute_query(
        "MATCH (a)-[r:PARTICIPATES_IN]->(:Initiative {id: 'INI-REG'}) "
        "RETURN a.id AS id, r.role AS role, r.since AS since ORDER BY id")
    assert [tuple(r.values()) for r in members] == [
        ("FIRM-CO-001", "ANCHOR", 2023), ("FIRM-REG-1", "MEMBER", None),
        ("INST-REG-1", "PARTNER", None)]
    seats, _, _ = graph.execute_query(
        "MATCH (a)-[r:GOVERNS]->(:Initiative {id: 'INI-REG'}) "
        "RETURN a.id AS id, r.role AS role ORDER BY id")
    assert [tuple(r.values()) for r in seats] == [("INST-INT-CAF", "FUNDER"),
                                                  ("INST-REG-2", "CHAIR")]
    assert one(graph, "MATCH (:Program {id: 'PROG-CO-001'})-[s:SUPPORTS]->"
                      "(:Initiative {id: 'INI-REG'}) RETURN s.amount") == 5000
    assert one(graph, "MATCH (i:Institution {id: 'INST-REG-1'}) RETURN i.kind") == "ACADEMIA"
    assert codes(graph, "FIRM-REG-1", "LOCATED_IN") == ["PE-SAM"]
    assert len(result["after"]["participations"]) == 3


@pytest.mark.parametrize("changes", [
    pytest.param({"participants": [{"actorId": "FIRM-CO-001", "role": "ANCHOR"},
                                   {"firm": {"id": "FIRM-REG-9", "name": "x",
                                             "territoryCode": "PE-SAM"}, "role": "boss"}]},
                 id="one bad role"),
    pytest.param({"participants": [{"actorId": "F-404", "role": "MEMBER"}]},
                 id="one dangling member"),
    pytest.param({"support": [{"programId": "PROG-CO-001", "currency": "DOLLARS"}]},
                 id="one bad currency"),
    pytest.param({"governance": [{"institution": {"id": "INST-CO-MINCIT", "name": "x",
                                                  "kind": "GOVERNMENT", "level": "NATIONAL"},
                                  "role": "CHAIR"}]}, id="a new institution that exists"),
    pytest.param({"participants": [{"actorId": "FIRM-CO-001", "firm": {
        "id": "FIRM-REG-9", "name": "x", "territoryCode": "PE"}, "role": "MEMBER"}]},
        id="a member given twice"),
])
def test_register_initiative_writes_nothing_when_one_part_is_bad(
    changes: dict[str, Any], graph: neo4j.Driver, edit: Any
) -> None:
    before, version = dump(graph, stamps=True), graph_version(graph)
    error = error_of(edit(REGISTER, {"input": registration(**changes)}))
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert dump(graph, stamps=True) == before
    assert graph_version(graph) == version
    assert node_props(graph, "INI-REG") is None


def test_register_initiative_reports_every_problem_by_table_and_item(
    graph: neo4j.Driver, edit: Any
) -> None:
    error = error_of(edit(REGISTER, {"input": registration(
        initiative={"id": "INI-REG", "name": "x", "type": "clusterr", "territoryCodes": ["PE"]},
        support=[{"programId": "PROG-404"}])}))
    messages = [p["message"] for p in error["extensions"]["problems"]]
    assert messages == [
        "mutation registerInitiative, initiatives, item 1, column type: 'clusterr': expected "
        "one of CLUSTER, VALUE_CHAIN, LOCAL_PRODUCTIVE, BUSINESS_NETWORK, SUPPLIER_DEVELOPMENT "
        "(or its Spanish or Portuguese name); did you mean CLUSTER?",
        "mutation registerInitiative, supports, item 1, column program_id: 'PROG-404': unknown "
        "programme id: not in the dataset nor in the database",
    ]
    assert [p["hint"] for p in error["extensions"]["problems"]] == ["did you mean CLUSTER?",
                                                                   None]


# -- concurrency ---------------------------------------------------------------------------------

def test_concurrent_mutations_leave_exact_counts(
    graph: neo4j.Driver, neo4j_backend: Backend, keys: dict[str, tuple[str, str]]
) -> None:
    database = neo4j_backend.settings.neo4j_database
    who = writes.Who(keys["EDITOR"][0], "EDITOR")
    firms = [row[0] for row in graph.execute_query(
        "MATCH (f:Firm) WHERE NOT (f)-[:PARTICIPATES_IN]->(:Initiative {id: 'INI-CO-004'}) "
        "RETURN f.id ORDER BY f.id LIMIT 12")[0]]
    members = one(graph, "MATCH ()-[r:PARTICIPATES_IN]->({id: 'INI-CO-004'}) RETURN count(r)")
    version = graph_version(graph)

    def join(firm: str) -> str:
        outcome = writes.create_link(graph, database, who, "createParticipation",
                                     writes.LinkKind.PARTICIPATION,
                                     {"actor_id": firm, "initiative_id": "INI-CO-004",
                                      "role": "MEMBER"})
        return outcome.audit_id

    def create_same(number: int) -> str:
        try:
            writes.create_entity(graph, database, who, "createFirm", writes.EntityKind.FIRM,
                                 {"id": "FIRM-RACE", "name": f"racer {number}",
                                  "territory_code": "CO"})
        except BadUserInput:
            return "refused"
        return "created"

    with ThreadPoolExecutor(max_workers=6) as pool:
        audits = list(pool.map(join, firms))
        racers = list(pool.map(create_same, range(6)))
    assert one(graph, "MATCH ()-[r:PARTICIPATES_IN]->({id: 'INI-CO-004'}) RETURN count(r)") \
        == members + len(firms)
    assert len(set(audits)) == len(firms)
    assert one(graph, "MATCH (a:AuditEntry) WHERE a.id IN $ids RETURN count(a)",
               ids=audits) == len(firms)
    assert sorted(racers) == ["created"] + ["refused"] * 5
    assert one(graph, "MATCH (f {id: 'FIRM-RACE'}) RETURN count(f)") == 1
    assert graph_version(graph) == version + len(firms) + 1
