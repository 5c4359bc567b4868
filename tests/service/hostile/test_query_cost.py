"""Queries that nest relationship lists are priced by the largest fan-out each list has in the
database, so one whose answer would not fit in memory is refused before it runs."""

import json
from pathlib import Path

import neo4j

from loaders.load import load
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
