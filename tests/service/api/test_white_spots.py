"""WHITE_SPOT gaps on a dataset built for them: firms dense in a division, no initiative."""

import json
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import load
from service.app import create_app
from tests.neo4j_backends import Backend
from tests.service.api.sample_network import graphql
from tests.service.api.test_gaps import gaps


def write_json(tmp_path: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    path = tmp_path / "white_spot.json"
    path.write_text(json.dumps(tables))
    return path


def firms(prefix: str, territory: str, sector: str, count: int) -> list[dict[str, Any]]:
    return [{"id": f"{prefix}-{n}", "name": f"{prefix} {n}", "size": "SMALL",
             "territory_code": territory, "sector_codes": sector} for n in range(count)]


def test_white_spots_are_regions_dense_in_a_division_without_an_initiative(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    # Antioquia: 6 food firms (division 10) and 2 software firms; Bogotá: 10 software firms,
    # served by a software initiative. Food in Antioquia: (6/8) / (6/18) = 2.25 times
    # Colombia's share, and no food initiative anywhere.
    tables = {
        "firms": firms("ANT-FOOD", "CO-ANT", "1071", 6) + firms("ANT-SW", "CO-ANT", "6201", 2)
        + firms("DC-SW", "CO-DC", "6201", 10),
        "initiatives": [{"id": "INI-SW", "name": "Clúster TIC de Bogotá", "type": "CLUSTER",
                         "territory_codes": "CO-DC", "sector_codes": "62"}],
    }
    database = neo4j_backend.settings.neo4j_database
    load(write_json(tmp_path, tables), reference_db, database, progress=False)
    with TestClient(create_app(neo4j_backend.settings)) as client:
        [finding] = gaps(client, "WHITE_SPOT")
        assert finding["nodes"][0]["id"] == "CO-ANT"
        assert finding["evidence"]["division"] == "10"
        assert finding["evidence"]["firms"] == 6
        assert finding["evidence"]["locationQuotient"] == pytest.approx(2.25)
        higher = graphql(client, "{ coordinationGaps(kinds: [WHITE_SPOT], "
                         "whiteSpotMinQuotient: 2.5) { kind } }")
        assert higher["data"]["coordinationGaps"] == []

    # A national food initiative covers every region of Colombia.
    tables["initiatives"].append({"id": "INI-FOOD", "name": "Cadena láctea nacional",
                                  "type": "VALUE_CHAIN", "territory_codes": "CO",
                                  "sector_codes": "10"})
    load(write_json(tmp_path, tables), reference_db, database, progress=False)
    with TestClient(create_app(neo4j_backend.settings)) as client:
        assert gaps(client, "WHITE_SPOT") == []


WHITE = ("query($firms: Int!, $quotient: Float!) { coordinationGaps(kinds: [WHITE_SPOT], "
         "whiteSpotMinFirms: $firms, whiteSpotMinQuotient: $quotient) { severity nodes { id } } }")


def found(client: TestClient, firms: int, quotient: float) -> list[str]:
    body = graphql(client, WHITE, firms=firms, quotient=quotient)
    return [f["nodes"][0]["id"] for f in body["data"]["coordinationGaps"]]


def severities(client: TestClient, firms: int, quotient: float) -> dict[str, float]:
    body = graphql(client, WHITE, firms=firms, quotient=quotient)
    return {f["nodes"][0]["id"]: f["severity"] for f in body["data"]["coordinationGaps"]}


def test_each_white_spot_threshold_is_met_exactly_and_missed_just_past_it(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    # Valle: 5 food firms of 10; Colombia: 5 food firms of 20, so the quotient is
    # (5/10) / (5/20) = 2 exactly.
    tables = {"firms": firms("VAC-FOOD", "CO-VAC", "1071", 5) + firms("VAC-SW", "CO-VAC",
                                                                      "6201", 5)
              + firms("DC-SW", "CO-DC", "6201", 10)}
    load(write_json(tmp_path, tables), reference_db, neo4j_backend.settings.neo4j_database,
         progress=False)
    with TestClient(create_app(neo4j_backend.settings)) as client:
        assert found(client, firms=5, quotient=2.0) == ["CO-VAC"]  # both thresholds just met
        assert found(client, firms=6, quotient=2.0) == []  # one firm short
        assert found(client, firms=5, quotient=2.0001) == []  # the quotient just short
        # Severity: quotient / (2 x threshold), at most 1. (Below 4/3, Bogotá's software
        # firms, (10/10) / (15/20), become a white spot too.)
        assert severities(client, firms=5, quotient=2.0) == {"CO-VAC": 0.5}
        assert severities(client, firms=5, quotient=1.0)["CO-VAC"] == 1.0  # twice the threshold
        assert severities(client, firms=5, quotient=0.8)["CO-VAC"] == 1.0  # more, still 1
