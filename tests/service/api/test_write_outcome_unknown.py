"""Neo4j going away in the middle of a write: before the commit, the driver runs the
transaction again and the write happens once; after the commit was sent and before its
answer came, the write is WRITE_OUTCOME_UNKNOWN with the id of the audit entry that exists
exactly when it was written.

Between the service and Neo4j sits a Bolt relay that, once armed, follows the transaction
whose statements mention a marker and closes its connection at a chosen moment.
"""

from __future__ import annotations

import contextlib
import enum
import socket
import threading
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from tests.neo4j_backends import Backend
from tests.service.api.writing import error_of, graph_version

COMMIT = b"\x00\x02\xb0\x12\x00\x00"  # one chunk holding an empty struct, signature 0x12


class Cut(enum.Enum):
    AT_STATEMENT = "the statement never reaches Neo4j"
    AT_COMMIT = "the COMMIT never reaches Neo4j"
    AFTER_COMMIT = "Neo4j commits, its answer never reaches the client"


class BoltCutter:
    """A TCP relay to Neo4j's Bolt port that closes, once, the connection of the transaction
    whose statements mention the armed marker."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.marker: bytes | None = None
        self.cut = Cut.AFTER_COMMIT
        self.cuts = 0
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, marker: str, cut: Cut) -> None:
        self.marker, self.cut = marker.encode(), cut

    def _take(self, data: bytes) -> bool:
        """Whether `data` mentions the armed marker, disarming it if so."""
        with self.lock:
            if self.marker is None or self.marker not in data:
                return False
            self.marker = None
            self.cuts += 1
            return True

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            committed = threading.Event()
            threading.Thread(target=self._to_server, args=(client, server, committed),
                             daemon=True).start()
            threading.Thread(target=self._to_client, args=(server, client, committed),
                             daemon=True).start()

    def _to_server(self, client: socket.socket, server: socket.socket,
                   committed: threading.Event) -> None:
        marked: Cut | None = None
        while data := _receive(client):
            if marked is None and self._take(data):
                marked = self.cut
            if marked is Cut.AT_STATEMENT or (marked is Cut.AT_COMMIT and COMMIT in data):
                break
            if marked is Cut.AFTER_COMMIT and COMMIT in data:
                committed.set()
            server.sendall(data)
        _close(client, server)

    def _to_client(self, server: socket.socket, client: socket.socket,
                   committed: threading.Event) -> None:
        while data := _receive(server):
            if committed.is_set():  # the commit's answer
                break
            client.sendall(data)
        _close(client, server)

    def close(self) -> None:
        self.listener.close()


def _receive(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def _close(*socks: socket.socket) -> None:
    for sock in socks:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()


@pytest.fixture(scope="module")
def cutter(neo4j_backend: Backend) -> Iterator[BoltCutter]:
    relay = BoltCutter(("127.0.0.1", int(neo4j_backend.settings.bolt_uri.rsplit(":", 1)[1])))
    yield relay
    relay.close()


@pytest.fixture
def cut_app(graph: neo4j.Driver, cutter: BoltCutter, neo4j_backend: Backend
            ) -> Iterator[TestClient]:
    """The service, reaching Neo4j through the relay, over the sample."""
    settings = neo4j_backend.settings.model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{cutter.port}"})
    with TestClient(create_app(settings)) as client:
        yield client


CREATE = """mutation($id: ID!) {
  createFirm(input: {id: $id, name: "Tostadora del Cut", territoryCode: "CO"}) { auditId }
}"""


def create(app: TestClient, key: str, firm: str) -> dict[str, Any]:
    response = app.post("/graphql", json={"query": CREATE, "variables": {"id": firm}},
                        headers={"Authorization": f"Bearer {key}"})
    body: dict[str, Any] = response.json()
    return body


def firms_named(graph: neo4j.Driver, firm: str) -> int:
    records, _, _ = graph.execute_query("MATCH (f:Firm {id: $id}) RETURN count(f) AS n",
                                        id=firm)
    return int(records[0]["n"])


def audit_operations(graph: neo4j.Driver, audit_id: str) -> list[str]:
    records, _, _ = graph.execute_query(
        "MATCH (a:AuditEntry {id: $id}) RETURN a.operation AS operation", id=audit_id)
    return [r["operation"] for r in records]


def test_a_write_whose_commit_answer_is_lost_is_outcome_unknown_and_its_audit_entry_exists(
    cut_app: TestClient, cutter: BoltCutter, graph: neo4j.Driver,
    keys: dict[str, tuple[str, str]],
) -> None:
    version, cuts = graph_version(graph), cutter.cuts
    cutter.arm("createFirm", Cut.AFTER_COMMIT)
    error = error_of(create(cut_app, keys["EDITOR"][1], "FIRM-CUT-AFTER"))
    assert cutter.cuts == cuts + 1
    assert error["extensions"]["code"] == "WRITE_OUTCOME_UNKNOWN"
    audit_id = error["extensions"]["auditId"]
    assert audit_id in error["message"]
    assert "may or may not have been written" in error["message"]
    assert audit_operations(graph, audit_id) == ["createFirm"]
    assert firms_named(graph, "FIRM-CUT-AFTER") == 1
    assert graph_version(graph) == version + 1


def test_a_write_whose_commit_never_arrives_is_outcome_unknown_and_has_no_audit_entry(
    cut_app: TestClient, cutter: BoltCutter, graph: neo4j.Driver,
    keys: dict[str, tuple[str, str]],
) -> None:
    version, cuts = graph_version(graph), cutter.cuts
    cutter.arm("createFirm", Cut.AT_COMMIT)
    error = error_of(create(cut_app, keys["EDITOR"][1], "FIRM-CUT-AT"))
    assert cutter.cuts == cuts + 1
    assert error["extensions"]["code"] == "WRITE_OUTCOME_UNKNOWN"
    assert audit_operations(graph, error["extensions"]["auditId"]) == []
    assert firms_named(graph, "FIRM-CUT-AT") == 0
    assert graph_version(graph) == version


def test_a_write_cut_before_its_commit_is_run_again_and_happens_once(
    cut_app: TestClient, cutter: BoltCutter, graph: neo4j.Driver,
    keys: dict[str, tuple[str, str]],
) -> None:
    version, cuts = graph_version(graph), cutter.cuts
    cutter.arm("createFirm", Cut.AT_STATEMENT)
    answer = create(cut_app, keys["EDITOR"][1], "FIRM-CUT-BEFORE")
    assert cutter.cuts == cuts + 1
    assert "errors" not in answer, answer
    assert audit_operations(graph, answer["data"]["createFirm"]["auditId"]) == ["createFirm"]
    assert firms_named(graph, "FIRM-CUT-BEFORE") == 1
    assert graph_version(graph) == version + 1
