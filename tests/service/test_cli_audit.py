"""Every `articula` command that writes leaves an audit entry: role `cli`, the operating-system
user, the operation and what it did; the commands that only read leave none."""

import getpass
import json
from pathlib import Path
from typing import Any

import neo4j
from fastapi.testclient import TestClient

from service.access import create_key
from service.backup import dump
from service.cli import load_sample
from tests.neo4j_backends import Backend, articula

FIRMS = "id,name,territory_code\nFIRM-CLI-1,Auditada S.A.,CL\n"


def entries(driver: neo4j.Driver) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:AuditEntry) RETURN a {.*} AS a ORDER BY a.at, a.id")
    return [dict(r["a"]) for r in records]


def run(backend: Backend, *args: str) -> str:
    done = articula(backend, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_each_writing_command_is_audited_as_cli_with_the_os_user(
        db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path, client: TestClient) -> None:
    user = getpass.getuser()
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    (dataset / "firms.csv").write_text(FIRMS, encoding="utf-8")
    dump_file = tmp_path / "backup.jsonl.gz"

    run(neo4j_backend, "db", "init")
    key_line = run(neo4j_backend, "keys", "create", "--name", "audited", "--role", "EDITOR")
    key = key_line.strip().splitlines()[-1]
    key_id = key.split(".")[0].removeprefix("ak_")
    run(neo4j_backend, "keys", "revoke", key_id)
    run(neo4j_backend, "load", str(dataset), "--dry-run")  # writes nothing, so no entry
    run(neo4j_backend, "load", str(dataset))
    dump_summary = dump(db, neo4j_backend.settings.neo4j_database, dump_file)  # a read
    run(neo4j_backend, "db", "restore", str(dump_file), "--yes")
    run(neo4j_backend, "db", "reset", "--yes")

    found = entries(db)
    assert [e["operation"] for e in found] == [
        "db init", "keys create", "keys revoke", "load", "db restore", "db reset"]
    assert {(e["role"], e["user"], e.get("keyId")) for e in found} == {("cli", user, None)}
    by_operation = {e["operation"]: e for e in found}
    created = json.loads(by_operation["keys create"]["after"])
    assert created == {"id": key_id, "name": "audited", "role": "EDITOR"}
    assert by_operation["keys create"]["targets"] == [key_id]
    assert key.split(".")[1] not in json.dumps(found, default=str)  # never the secret
    assert by_operation["keys revoke"]["targets"] == [key_id]
    load = json.loads(by_operation["load"]["after"])
    assert load["counts"]["firms"] == {"created": 1, "updated": 0}
    assert by_operation["load"]["load"] == load["loadId"]
    restored = json.loads(by_operation["db restore"]["after"])
    assert restored == {"file": str(dump_file), "nodes": dump_summary.nodes,
                        "relationships": dump_summary.relationships}
    assert json.loads(by_operation["db init"]["after"])["schema statements"] > 0
    assert by_operation["db reset"]["graphVersion"] >= 1

    # ADMIN keys read them in the audit trail, the operating-system user included
    admin = create_key(db, neo4j_backend.settings.neo4j_database, "audit reader", "ADMIN")
    answer = client.post(
        "/graphql", json={"query": "{ auditTrail(first: 1) { edges { node { operation role "
                                   "user keyId } } } }"},
        headers={"Authorization": f"Bearer {admin.key}"}).json()
    assert answer["data"]["auditTrail"]["edges"][0]["node"] == {
        "operation": "db reset", "role": "cli", "user": user, "keyId": None}


def test_serve_audits_the_sample_it_loads_into_an_empty_database(
        reference_db: neo4j.Driver, neo4j_backend: Backend) -> None:
    database = neo4j_backend.settings.neo4j_database
    reference_db.execute_query("MATCH (a:AuditEntry) DETACH DELETE a", database_=database)
    sample = load_sample(reference_db, database)
    assert sample is not None
    assert load_sample(reference_db, database) is None  # a dataset is there: nothing to load
    [entry] = entries(reference_db)
    assert (entry["operation"], entry["role"], entry["user"]) == ("load", "cli", getpass.getuser())
    assert json.loads(entry["after"])["created"] == sample.created
