"""Queries that nest relationship lists are priced by the largest fan-out each list has in the
database, so one whose answer would not fit in memory is refused before it runs."""

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from loaders.load import init, load
from tests.neo4j_backends import Backend
from tests.service.hostile.served_app import post, refused, served


def hub_dataset(folder: Path, participants: int) -> Path:
    """One initiative in Colombia with `participants` member firms."""
    firms = [{"id": f"F-{i:03d}", "name": f"Firma {i}", "territory_code": "CO"}
             for i in range(participants)]
    dataset = {
        "initiatives": [{"id": "INI-HUB", "name": "Red de proveedores", "type": "CLUSTER",
                         "territory_codes": "CO"}],
        "firms": firms,
        "participations": [{"actor_id": f["id"], "initiative_id": "INI-HUB", "role": "MEMBER"}
                           for f in firms],
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hub.json"
    path.write_text(json.dumps(dataset), encoding="utf-8")
    return path


HUB_MEMBERS = '{ initiative(id: "INI-HUB") { participants { actor { id } } } }'


def test_a_relationship_list_costs_its_largest_fan_out_which_follows_every_write(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    database = neo4j_backend.settings.neo4j_database
    load(hub_dataset(tmp_path / "60", 60), reference_db, database, progress=False)
    settings = neo4j_backend.settings.model_copy(update={"max_query_cost": 100})
    with served(settings) as (url, _):
        # the initiative, and per participant: the item, its actor, the actor's id
        assert refused(url, HUB_MEMBERS)["extensions"] == {
            "code": "QUERY_TOO_COMPLEX", "cost": 1 + 60 * 3, "limit": 100}
        load(hub_dataset(tmp_path / "75", 75), reference_db, database, progress=False)
        assert refused(url, HUB_MEMBERS)["extensions"]["cost"] == 1 + 75 * 3
    with served(neo4j_backend.settings) as (url, _):
        answer = post(url, HUB_MEMBERS).json()
    assert len(answer["data"]["initiative"]["participants"]) == 75


def nested_participants(levels: int) -> str:
    """The first 20 initiatives, their participants, the participants' initiatives, theirs,
    ... `levels` participant lists deep."""
    inner = "participants{ actor{ id } }"
    for _ in range(levels - 1):
        inner = f"participants{{ actor{{ id initiatives{{ initiative{{ id {inner} }} }} }} }}"
    return f"{{ initiatives(first:20){{ edges{{ node{{ id {inner} }} }} }} }}"


def nested_cost(levels: int, participants: int, initiatives: int) -> int:
    """The estimate of `nested_participants(levels)`, given the largest fan-outs."""
    per_initiative = 3 * participants  # each participant: the item, its actor, the actor's id
    for _ in range(levels - 1):
        per_initiative = participants * (3 + initiatives * (3 + per_initiative))
    return 20 * (4 + per_initiative)  # each of the page: the item, edge, node, id, and below


def emptied(driver: neo4j.Driver, database: str) -> None:
    """Every relationship, then every node, deleted in batches: at 100k actors a batch of
    nodes holds the tens of thousands of relationships of a country or a sector."""
    with driver.session(database=database) as session:
        session.run("CALL gds.graph.list() YIELD graphName "
                    "CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped "
                    "RETURN count(dropped)").consume()
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
                    ).consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture(scope="module")
def synthetic_db(driver: neo4j.Driver, neo4j_backend: Backend,
                 synthetic_100k: Path) -> Iterator[neo4j.Driver]:
    database = neo4j_backend.settings.neo4j_database
    emptied(driver, database)
    init(driver, database)
    load(synthetic_100k, driver, database, progress=False)
    yield driver
    emptied(driver, database)  # what the next module's fixtures start from


@pytest.mark.slow
def test_nested_participants_2_3_and_5_levels_deep_are_refused_before_they_run_at_100k(
    synthetic_db: neo4j.Driver, neo4j_backend: Backend
) -> None:
    assert nested_participants(2) == (
        "{ initiatives(first:20){ edges{ node{ id participants{ actor{ id initiatives{ "
        "initiative{ id participants{ actor{ id } } } } } } } } } }")
    records, _, _ = synthetic_db.execute_query(
        "CALL () { MATCH (i:Initiative)<-[p:PARTICIPATES_IN]-() WITH i, count(p) AS n "
        "RETURN max(n) AS participants } "
        "CALL () { MATCH (a:Actor)-[p:PARTICIPATES_IN]->() WITH a, count(p) AS n "
        "RETURN max(n) AS initiatives } RETURN participants, initiatives",
        database_=neo4j_backend.settings.neo4j_database)
    most = records[0]
    # the depth limit out of the way: the cost estimate alone has to refuse them
    settings = neo4j_backend.settings.model_copy(update={"max_query_depth": 40})
    with served(settings) as (url, app):
        statements = app.state.db.statements
        for levels in (2, 3, 5):
            before = Counter(statements)
            error = refused(url, nested_participants(levels))
            assert error["extensions"] == {
                "code": "QUERY_TOO_COMPLEX", "limit": 1_000_000,
                "cost": nested_cost(levels, most["participants"], most["initiatives"])}
            sent = statements - before
            assert all(name.startswith("limits/") for name in sent), sent  # nothing executed
        # what the Explorer asks for the initiative with the most participants still runs
        [hub] = synthetic_db.execute_query(
            "MATCH (i:Initiative) RETURN i.id AS id "
            "ORDER BY COUNT { (i)<-[:PARTICIPATES_IN]-() } DESC LIMIT 1",
            database_=neo4j_backend.settings.neo4j_database).records
        page = post(url, """query($id: ID!) { initiative(id: $id) {
            id name type territories { code name level } sectors { code name nameEs }
            participants { actor { __typename id name territory { name }
              ... on Firm { size } ... on Institution { kind level } } role since until }
            governance { institution { id name kind level } role since until }
            supportedBy { program { id name runBy { name } } amount currency since until }
            collaborations { partner { id name } kind since until } } }""",
                    {"id": hub["id"]}).json()
        assert "errors" not in page, page["errors"]
        assert len(page["data"]["initiative"]["participants"]) == most["participants"]
        assert post(url, "{ about { version } }").json()["data"]["about"]["version"]
