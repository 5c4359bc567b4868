"""Submissions: anyone may submit an initiative, which stays invisible to every read until an
EDITOR approves it; moderators list, approve and reject; a burst from one address is cut."""

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.cypher_catalog import cypher
from tests.neo4j_backends import Backend
from tests.service.api.writing import call, error_of, graph_version, one
from tests.serving import serve

SUBMIT = """mutation($input: RegisterInitiativeInput!, $homepage: String) {
  submitInitiative(input: $input, homepage: $homepage) {
    reference likelyDuplicates { table item name candidateId candidate { id name } } } }"""
REGISTER = "mutation($input: RegisterInitiativeInput!) { registerInitiative(input: $input) " \
    "{ auditId } }"
STATUS = "query($r: String!) { submission(reference: $r) { status reviewerNote submittedAt } }"
LIST = """{ submissions(first: 10) { totalCount edges { cursor node {
  reference status name type territoryCodes ties { tie id new entity name role
  existing { id name } } likelyDuplicates { candidateId } input } } } }"""
APPROVE = """mutation($r: String!, $edits: RegisterInitiativeInput, $allow: Boolean! = false) {
  approveSubmission(reference: $r, edits: $edits, allowDuplicate: $allow) {
    auditId targets graphVersion node { id name } } }"""
REJECT = "mutation($r: String!, $note: String!) { rejectSubmission(reference: $r, note: $note) " \
    "{ auditId } }"
VISIBLE = """query($id: ID!, $search: String!) {
  initiative(id: $id) { id }
  node(id: $id) { id }
  initiatives(first: 5, filter: {search: $search}) { totalCount }
  all: initiatives(first: 0) { totalCount }
  stats { nodeCounts { label count } } }"""
ADDRESS = ("203.0.113.7", 50000)
OTHER_ADDRESS = ("198.51.100.9", 50000)


def submission(initiative_id: str = "INI-SUB-1", **changes: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "initiative": {"id": initiative_id, "name": "Red de Cafés Especiales del Huila",
                       "type": "BUSINESS_NETWORK", "territoryCodes": ["CO-HUI"],
                       "sectorCodes": ["0127"], "description": "Productores y tostadores.",
                       "website": "https://cafes-huila.example.org"},
        "participants": [
            {"actorId": "FIRM-CO-001", "role": "PARTNER"},
            {"firm": {"id": f"{initiative_id}-F1", "name": "Tostadora Garzón",
                      "size": "MICRO", "territoryCode": "CO-HUI"}, "role": "MEMBER"},
        ],
        "governance": [{"institution": {"id": f"{initiative_id}-I1",
                                        "name": "Gobernación del Huila", "kind": "GOVERNMENT",
                                        "level": "SUBNATIONAL", "territoryCode": "CO-HUI"},
                        "role": "CHAIR"}],
        "support": [{"programId": "PROG-CO-001"}],
    }
    value.update(changes)
    return value


@pytest.fixture(scope="module")
def app(keys: dict[str, tuple[str, str]], neo4j_backend: Backend) -> Iterator[TestClient]:
    settings = neo4j_backend.settings.model_copy(update={"submissions_per_hour": 5})
    with TestClient(create_app(settings), client=ADDRESS) as client:
        yield client


@pytest.fixture
def graph(driver: neo4j.Driver, keys: dict[str, tuple[str, str]],
          app: TestClient) -> Iterator[neo4j.Driver]:
    """The sample as loaded, no submission, and a fresh rate-limit window."""
    driver.execute_query("MATCH (s:Submission) DETACH DELETE s")
    yield driver
    driver.execute_query("MATCH (s:Submission) DETACH DELETE s")
    driver.execute_query("MATCH (n) WHERE n.id STARTS WITH 'INI-SUB' DETACH DELETE n")
    app.app.state.submission_window._events.clear()  # type: ignore[attr-defined]


def data(answer: dict[str, Any], field: str) -> Any:
    assert "errors" not in answer, answer["errors"]
    return answer["data"][field]


def submit(app: TestClient, value: dict[str, Any], homepage: str | None = None,
           key: str | None = None) -> dict[str, Any]:
    return call(app, SUBMIT, {"input": value, "homepage": homepage}, key)


def audit(driver: neo4j.Driver, operation: str) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:AuditEntry {operation: $operation}) RETURN a {.*} AS a ORDER BY a.at",
        operation=operation)
    return [dict(r["a"]) for r in records]


def visible(app: TestClient) -> dict[str, Any]:
    answer = data_of(call(app, VISIBLE, {"id": "INI-SUB-1", "search": "cafés especiales huila"}))
    counts = {c["label"]: c["count"] for c in answer["stats"]["nodeCounts"]}
    return {"initiative": answer["initiative"], "node": answer["node"],
            "found": answer["initiatives"]["totalCount"], "all": answer["all"]["totalCount"],
            "counted": counts.get("Initiative")}


def data_of(answer: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in answer, answer["errors"]
    return dict(answer["data"])


def test_a_submission_is_invisible_until_an_editor_approves_it(
        app: TestClient, graph: neo4j.Driver, keys: dict[str, tuple[str, str]]) -> None:
    before = visible(app)
    version = graph_version(graph)
    receipt = data(submit(app, submission()), "submitInitiative")
    reference = receipt["reference"]
    assert len(reference) >= 24 and receipt["likelyDuplicates"] == []
    # quarantined: no read sees it, the graph did not change
    assert visible(app) == before
    assert before["initiative"] is None and before["found"] == 0
    assert graph_version(graph) == version
    assert one(graph, "MATCH (n) WHERE n.id STARTS WITH 'INI-SUB' RETURN count(n)") == 0
    state = data(call(app, STATUS, {"r": reference}), "submission")
    assert (state["status"], state["reviewerNote"]) == ("PENDING", None)
    # only EDITOR and ADMIN keys moderate
    for key, code in ((None, "UNAUTHENTICATED"), (keys["READER"][1], "FORBIDDEN")):
        assert error_of(call(app, LIST, key=key))["extensions"]["code"] == code
        assert error_of(call(app, APPROVE, {"r": reference}, key))["extensions"]["code"] == code
        assert error_of(call(app, REJECT, {"r": reference, "note": "no"}, key)
                        )["extensions"]["code"] == code
    listed = data(call(app, LIST, key=keys["EDITOR"][1]), "submissions")
    assert listed["totalCount"] == 1
    node = listed["edges"][0]["node"]
    assert (node["reference"], node["status"], node["name"], node["territoryCodes"]) == (
        reference, "PENDING", "Red de Cafés Especiales del Huila", ["CO-HUI"])
    assert [(t["tie"], t["id"], t["new"], t["entity"], t["name"], t["role"],
             t["existing"] and t["existing"]["id"]) for t in node["ties"]] == [
        ("PARTICIPATION", "FIRM-CO-001", False, "ACTOR", None, "PARTNER", "FIRM-CO-001"),
        ("PARTICIPATION", "INI-SUB-1-F1", True, "FIRM", "Tostadora Garzón", "MEMBER", None),
        ("GOVERNANCE", "INI-SUB-1-I1", True, "INSTITUTION", "Gobernación del Huila", "CHAIR",
         None),
        ("SUPPORT", "PROG-CO-001", False, "PROGRAM", None, None, "PROG-CO-001")]
    assert node["input"] == submission()
    # approved: written as registerInitiative writes it, in one graph version
    result = data(call(app, APPROVE, {"r": reference}, keys["EDITOR"][1]), "approveSubmission")
    assert result["targets"] == ["INI-SUB-1", "INI-SUB-1-F1", "INI-SUB-1-I1"]
    assert result["graphVersion"] == graph_version(graph) == version + 1
    after = visible(app)
    assert after["initiative"] == after["node"] == {"id": "INI-SUB-1"}
    assert (after["found"], after["all"], after["counted"]) == (
        1, before["all"] + 1, before["counted"] + 1)
    assert one(graph, "MATCH (:Program {id: 'PROG-CO-001'})-[:SUPPORTS]->"
                      "(:Initiative {id: 'INI-SUB-1'}) RETURN count(*)") == 1
    state = data(call(app, STATUS, {"r": reference}), "submission")
    assert state["status"] == "APPROVED"
    stored = one(graph, "MATCH (s:Submission) RETURN s {.*}")
    assert (stored["initiativeId"], stored["reviewedBy"]) == ("INI-SUB-1", keys["EDITOR"][0])
    # audited: who submitted (an address's hash, never the address) and who approved
    submitted = audit(graph, "submitInitiative")[-1]
    assert (submitted["role"], submitted.get("keyId"), submitted["targets"]) == (
        "anonymous", None, [reference])
    assert ADDRESS[0] not in str(submitted) and ADDRESS[0] not in str(stored)
    assert json.loads(submitted["after"])["addressHash"] == stored["addressHash"]
    approved = audit(graph, "approveSubmission")[-1]
    assert (approved["role"], approved["keyId"], approved["graphVersion"]) == (
        "EDITOR", keys["EDITOR"][0], version + 1)
    assert json.loads(approved["before"]) == {"reference": reference, "status": "PENDING"}
    # once only
    again = error_of(call(app, APPROVE, {"r": reference}, keys["ADMIN"][1]))
    assert again["extensions"] == {"code": "BAD_USER_INPUT", "status": "APPROVED"}
    assert graph_version(graph) == version + 1


def test_a_rejected_submission_tells_its_submitter_why(
        app: TestClient, graph: neo4j.Driver, keys: dict[str, tuple[str, str]]) -> None:
    reference = data(submit(app, submission()), "submitInitiative")["reference"]
    editor = keys["EDITOR"][1]
    empty = error_of(call(app, REJECT, {"r": reference, "note": "  "}, editor))
    assert empty["extensions"] == {"code": "BAD_USER_INPUT", "argument": "note"}
    data(call(app, REJECT, {"r": reference, "note": "Falta el sitio web oficial."}, editor),
         "rejectSubmission")
    state = data(call(app, STATUS, {"r": reference}), "submission")
    assert (state["status"], state["reviewerNote"]) == ("REJECTED", "Falta el sitio web oficial.")
    closed = error_of(call(app, APPROVE, {"r": reference}, editor))
    assert closed["extensions"] == {"code": "BAD_USER_INPUT", "status": "REJECTED"}
    assert one(graph, "MATCH (n) WHERE n.id STARTS WITH 'INI-SUB' RETURN count(n)") == 0
    entry = audit(graph, "rejectSubmission")[-1]
    assert (entry["targets"], entry.get("graphVersion")) == ([reference], None)


def test_an_invalid_submission_gets_what_register_initiative_gets_and_stores_nothing(
        app: TestClient, graph: neo4j.Driver, keys: dict[str, tuple[str, str]]) -> None:
    bad = submission(initiative={"id": "INI-SUB-1", "name": "x", "type": "clusterr",
                                 "territoryCodes": ["CO-HUI"]},
                     support=[{"programId": "PROG-404"}])
    submitted = error_of(submit(app, bad))
    registered = error_of(call(app, REGISTER, {"input": bad}, keys["EDITOR"][1]))
    assert submitted["extensions"]["code"] == registered["extensions"]["code"] == "BAD_USER_INPUT"
    fields = [(p["field"], p["item"], p["value"]) for p in submitted["extensions"]["problems"]]
    assert fields == [("type", 1, "clusterr"), ("programId", 1, "PROG-404")]
    assert [p["message"].replace("submitInitiative", "registerInitiative")
            for p in submitted["extensions"]["problems"]] == \
        [p["message"] for p in registered["extensions"]["problems"]]
    assert one(graph, "MATCH (s:Submission) RETURN count(s)") == 0


def test_a_filled_hidden_field_gets_a_reference_but_stores_nothing(
        app: TestClient, graph: neo4j.Driver) -> None:
    bots = len(audit(graph, "submitInitiative"))
    reference = data(submit(app, submission(), homepage="http://spam.example"),
                     "submitInitiative")["reference"]
    assert len(reference) >= 24
    assert one(graph, "MATCH (s:Submission) RETURN count(s)") == 0
    entries = audit(graph, "submitInitiative")
    assert len(entries) == bots + 1 and json.loads(entries[-1]["after"])["honeypot"] is True
    unknown = error_of(call(app, STATUS, {"r": reference}))
    assert unknown["extensions"] == {"code": "NOT_FOUND"}


def test_unknown_and_malformed_references_answer_alike(app: TestClient,
                                                      graph: neo4j.Driver) -> None:
    answers = [error_of(call(app, STATUS, {"r": r}))
               for r in ("x" * 24, "", "' OR 1=1 --", "ü" * 500)]
    assert all(a == answers[0] for a in answers), answers
    assert answers[0]["extensions"] == {"code": "NOT_FOUND"}


def over_http(url: str, value: dict[str, Any], address: str) -> dict[str, Any]:
    """A submission sent through a proxy on this host, which names its client's address in
    X-Forwarded-For (uvicorn takes it from the addresses FORWARDED_ALLOW_IPS trusts only)."""
    request = urllib.request.Request(
        f"{url}/graphql", method="POST",
        headers={"Content-Type": "application/json", "X-Forwarded-For": address},
        data=json.dumps({"query": SUBMIT, "variables": {"input": value}}).encode())
    with urllib.request.urlopen(request, timeout=60) as response:
        return dict(json.loads(response.read()))


def test_a_burst_from_one_address_is_cut_by_the_rate_limit(
        graph: neo4j.Driver, neo4j_backend: Backend) -> None:
    """ARTICULA_SUBMISSIONS_PER_HOUR is 5 here: of 100 submissions from one address, the
    first 5 are taken; another address still may submit."""
    settings = neo4j_backend.settings.model_copy(update={"submissions_per_hour": 5})
    with serve(settings) as url:
        answers = [over_http(url, submission(f"INI-SUB-B{n}"), ADDRESS[0]) for n in range(100)]
        other = over_http(url, submission("INI-SUB-OTHER"), OTHER_ADDRESS[0])
    taken = [a for a in answers if "errors" not in a]
    cut = [error_of(a)["extensions"] for a in answers if "errors" in a]
    assert (len(taken), len(cut)) == (5, 95)
    assert answers[:5] == taken
    assert {c["code"] for c in cut} == {"RATE_LIMITED"}
    assert all(3500 <= c["retryAfter"] <= 3600 for c in cut)
    assert "errors" not in other, other
    stored, _, _ = graph.execute_query(
        "MATCH (s:Submission) RETURN s.addressHash AS address, count(*) AS n ORDER BY n")
    assert [r["n"] for r in stored] == [1, 5]  # five from one address, one from the other


def test_the_rate_limit_is_one_count_across_worker_processes(
        graph: neo4j.Driver, neo4j_backend: Backend) -> None:
    """Two service processes, 5 submissions an hour: 3 taken by the first leave 2 for the
    second, since the count is the database's, not each process's."""
    settings = neo4j_backend.settings.model_copy(update={"submissions_per_hour": 5})
    graph.execute_query("MATCH (n) WHERE n:Submission OR n:SubmissionQuota DETACH DELETE n")
    with serve(settings) as first, serve(settings) as second:
        before = [over_http(first, submission(f"INI-SUB-W{n}"), ADDRESS[0]) for n in range(3)]
        after = [over_http(second, submission(f"INI-SUB-X{n}"), ADDRESS[0]) for n in range(4)]
    assert all("errors" not in a for a in before)
    assert ["errors" in a for a in after] == [False, False, True, True]
    assert {error_of(a)["extensions"]["code"] for a in after[2:]} == {"RATE_LIMITED"}
    assert one(graph, "MATCH (s:Submission) RETURN count(s)") == 5


def test_a_new_actor_likely_an_existing_one_is_offered_for_linking(
        app: TestClient, graph: neo4j.Driver, keys: dict[str, tuple[str, str]]) -> None:
    value = submission(participants=[{"firm": {
        "id": "INI-SUB-1-F2", "name": "Transformadores Andinos SAS", "size": "MEDIUM",
        "territoryCode": "CO-ANT"}, "role": "MEMBER"}])
    receipt = data(submit(app, value), "submitInitiative")
    assert receipt["likelyDuplicates"] == [{
        "table": "firms", "item": 1, "name": "Transformadores Andinos SAS",
        "candidateId": "FIRM-CO-002",
        "candidate": {"id": "FIRM-CO-002", "name": "Transformadores Andinos S.A.S."}}]
    editor = keys["EDITOR"][1]
    listed = data(call(app, LIST, key=editor), "submissions")["edges"][0]["node"]
    assert listed["likelyDuplicates"] == [{"candidateId": "FIRM-CO-002"}]
    refused = error_of(call(app, APPROVE, {"r": receipt["reference"]}, editor))
    assert refused["extensions"]["code"] == "LIKELY_DUPLICATE"
    assert refused["extensions"]["candidates"] == ["FIRM-CO-002"]
    linked = {**listed["input"], "participants": [{"actorId": "FIRM-CO-002", "role": "MEMBER"}]}
    result = data(call(app, APPROVE, {"r": receipt["reference"], "edits": linked}, editor),
                  "approveSubmission")
    assert result["targets"] == ["INI-SUB-1", "INI-SUB-1-I1"]
    assert one(graph, "MATCH (:Firm {id: 'FIRM-CO-002'})-[r:PARTICIPATES_IN]->"
                      "(:Initiative {id: 'INI-SUB-1'}) RETURN r.role") == "MEMBER"
    assert one(graph, "MATCH (n {id: 'INI-SUB-1-F2'}) RETURN count(n)") == 0


def test_db_reset_deletes_submissions_with_the_data(app: TestClient, graph: neo4j.Driver) -> None:
    data(submit(app, submission()), "submitInitiative")
    with graph.session() as session:
        session.run(cypher("db/reset_relationships")).consume()
        session.run(cypher("db/reset")).consume()
    assert one(graph, "MATCH (s:Submission) RETURN count(s)") == 0
    assert one(graph, "MATCH (t:Territory {code: 'CO-HUI'}) RETURN count(t)") == 1
