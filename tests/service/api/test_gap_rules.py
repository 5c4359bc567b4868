"""The edges of each coordination-gap rule, on small datasets built for them: a rule just met
next to one just missed, and each severity at its boundaries (docs/gaps.md).

WHITE_SPOT's thresholds are pinned in test_white_spots.py; INFORMAL_BROKER's and
BROKER_DEPENDENCY's on the sample, in test_gaps.py.
"""

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import load
from service.app import create_app
from tests.neo4j_backends import Backend
from tests.service.api.sample_network import graphql

Tables = dict[str, list[dict[str, Any]]]
Loader = Callable[[Tables], TestClient]
GAPS = """
query($kinds: [GapKind!], $scope: ScopeInput, $helices: [Helix!]) {
  coordinationGaps(kinds: $kinds, scope: $scope, helices: $helices) {
    kind severity nodes { id } evidence
  }
}"""


def initiative(id: str, territories: str, sectors: str = "", status: str = "ACTIVE",
               start: int = 2015) -> dict[str, Any]:
    return {"id": id, "name": f"Iniciativa {id}", "type": "CLUSTER", "status": status,
            "start_year": start, "territory_codes": territories, "sector_codes": sectors}


def institution(id: str, kind: str, level: str, territory: str) -> dict[str, Any]:
    return {"id": id, "name": f"Institución {id}", "kind": kind, "level": level,
            "territory_code": territory}


def firm(id: str, territory: str, sector: str = "1410") -> dict[str, Any]:
    return {"id": id, "name": f"Empresa {id} S.A.S.", "size": "SMALL",
            "territory_code": territory, "sector_codes": sector}


def takes_part(actor: str, initiative: str) -> dict[str, Any]:
    return {"actor_id": actor, "initiative_id": initiative, "role": "MEMBER"}


def governs(institution: str, initiative: str, until: int | None = None) -> dict[str, Any]:
    return {"institution_id": institution, "initiative_id": initiative,
            "role": "BOARD_MEMBER", "since": 2015, "until": until}


@pytest.fixture
def loaded(reference_db: neo4j.Driver, neo4j_backend: Backend,
           tmp_path: Path) -> Iterator[Loader]:
    """Load a dataset over the reference data and answer with the app over it."""
    with ExitStack() as apps:

        def run(tables: Tables) -> TestClient:
            path = tmp_path / "gap_rules.json"
            path.write_text(json.dumps(tables))
            load(path, reference_db, neo4j_backend.settings.neo4j_database, progress=False)
            return apps.enter_context(TestClient(create_app(neo4j_backend.settings)))

        yield run


def findings(client: TestClient, kind: str, **variables: Any) -> dict[Any, dict[str, Any]]:
    """The findings of one kind, by the id of their first node (a pair of ids for OVERLAP)."""
    body = graphql(client, GAPS, kinds=[kind], **variables)
    assert "errors" not in body, body["errors"]
    return {(f["nodes"][0]["id"], f["nodes"][1]["id"]) if kind == "OVERLAP"
            else f["nodes"][0]["id"]: f for f in body["data"]["coordinationGaps"]}


def severities(client: TestClient, kind: str, **variables: Any) -> dict[Any, float]:
    return {k: f["severity"] for k, f in findings(client, kind, **variables).items()}


def test_ungoverned_one_governor_suppresses_it_and_status_sets_the_severity(
    loaded: Loader,
) -> None:
    gob = institution("GOB-ANT", "GOVERNMENT", "SUBNATIONAL", "CO-ANT")
    tables: Tables = {
        "institutions": [gob],
        "firms": [firm("F1", "CO-ANT"), firm("F2", "CO-ANT")],
        "initiatives": [
            initiative("INI-GOVERNED", "CO-ANT"),
            initiative("INI-ACTIVE", "CO-ANT"),
            initiative("INI-NO-STATUS", "CO-ANT", status=""),
            initiative("INI-PLANNED", "CO-ANT", status="PLANNED"),
            initiative("INI-SUSPENDED", "CO-ANT", status="SUSPENDED"),
            initiative("INI-CONCLUDED", "CO-ANT", status="CONCLUDED"),
            initiative("INI-SEAT-ENDED", "CO-ANT"),
        ],
        "participations": [takes_part("F1", "INI-ACTIVE"), takes_part("F2", "INI-ACTIVE")],
        "governance": [governs("GOB-ANT", "INI-GOVERNED"),
                       governs("GOB-ANT", "INI-SEAT-ENDED", until=2020)],
    }
    client = loaded(tables)
    found = findings(client, "UNGOVERNED")
    assert {i: f["severity"] for i, f in found.items()} == {
        "INI-ACTIVE": 1.0, "INI-NO-STATUS": 1.0, "INI-PLANNED": 0.6, "INI-SUSPENDED": 0.6,
        "INI-CONCLUDED": 0.3}  # INI-GOVERNED: a single seat is enough
    assert found["INI-ACTIVE"]["evidence"]["participants"] == 2
    # A seat counts through its last year, and not after it.
    assert "INI-SEAT-ENDED" not in findings(client, "UNGOVERNED", scope={"year": 2020})
    assert "INI-SEAT-ENDED" in findings(client, "UNGOVERNED", scope={"year": 2021})


def test_vertical_single_levels_and_levels_missing_against_the_same_country(
    loaded: Loader,
) -> None:
    co = [institution("CO-GOB", "GOVERNMENT", "SUBNATIONAL", "CO-ANT"),
          institution("CO-ALC", "GOVERNMENT", "LOCAL", "CO-ANT"),
          institution("CO-UNI", "ACADEMIA", "SUBNATIONAL", "CO-ANT")]
    pe = [institution("PE-PRODUCE", "GOVERNMENT", "NATIONAL", "PE"),
          institution("PE-GORE", "GOVERNMENT", "SUBNATIONAL", "PE-ARE"),
          institution("PE-MUNI", "GOVERNMENT", "LOCAL", "PE-ARE")]
    cl = [institution("CL-GORE", "GOVERNMENT", "SUBNATIONAL", "CL-BI")]
    tables: Tables = {
        "institutions": co + pe + cl,
        "initiatives": [initiative(i, "CO-ANT") for i in ("CO-TWO", "CO-ONE", "CO-NONE")]
        + [initiative(i, "PE-ARE") for i in ("PE-TWO", "PE-THREE")]
        + [initiative("CL-ONE", "CL-BI")],
        "governance": [
            governs("CO-GOB", "CO-TWO"), governs("CO-ALC", "CO-TWO"),
            governs("CO-GOB", "CO-ONE"),
            governs("CO-UNI", "CO-NONE"),  # a university is no level of government
            governs("PE-GORE", "PE-TWO"), governs("PE-MUNI", "PE-TWO"),
            governs("PE-PRODUCE", "PE-THREE"), governs("PE-GORE", "PE-THREE"),
            governs("PE-MUNI", "PE-THREE"),
            governs("CL-GORE", "CL-ONE"),
        ],
    }
    client = loaded(tables)
    found = findings(client, "VERTICAL")
    assert {i: (f["evidence"]["levels"], f["evidence"]["missingLevels"], f["severity"])
            for i, f in found.items()} == {
        # Two levels, and NATIONAL governs only in Peru: nothing missing in Colombia.
        # "CO-TWO": not found
        "CO-ONE": (["SUBNATIONAL"], ["LOCAL"], 0.5),  # 1 of 2 missing, raised to 0.5
        "CO-NONE": ([], ["LOCAL", "SUBNATIONAL"], 1.0),
        "PE-TWO": (["LOCAL", "SUBNATIONAL"], ["NATIONAL"], 0.3333),  # 1 of 3 missing
        # "PE-THREE": every level of Peru, not found
        "CL-ONE": (["SUBNATIONAL"], [], 0.5),  # a single level, nothing to compare with
    }


def test_helix_counts_business_associations_as_business_and_asks_only_for_given_helices(
    loaded: Loader,
) -> None:
    tables: Tables = {
        "institutions": [
            institution("GOB", "GOVERNMENT", "SUBNATIONAL", "CO-ANT"),
            institution("UNI", "ACADEMIA", "SUBNATIONAL", "CO-ANT"),
            institution("CIVIL", "CIVIL_SOCIETY", "LOCAL", "CO-ANT"),
            institution("CAMARA", "BUSINESS_ASSOCIATION", "SUBNATIONAL", "CO-ANT"),
            institution("AGENCIA", "DEVELOPMENT_AGENCY", "NATIONAL", "CO"),
            institution("BANCO", "FINANCIAL", "NATIONAL", "CO"),
        ],
        "firms": [firm("F1", "CO-ANT")],
        "initiatives": [initiative(i, "CO-ANT") for i in
                        ("H-ALL", "H-ASSOCIATION", "H-NO-CIVIL", "H-NONE")],
        "participations": [
            takes_part("F1", "H-ALL"), takes_part("UNI", "H-ALL"),
            takes_part("CIVIL", "H-ALL"),
            takes_part("CAMARA", "H-ASSOCIATION"), takes_part("UNI", "H-ASSOCIATION"),
            takes_part("CIVIL", "H-ASSOCIATION"),
            takes_part("F1", "H-NO-CIVIL"), takes_part("UNI", "H-NO-CIVIL"),
            takes_part("AGENCIA", "H-NONE"), takes_part("BANCO", "H-NONE"),
        ],
        "governance": [governs("GOB", "H-ALL"), governs("GOB", "H-ASSOCIATION"),
                       governs("GOB", "H-NO-CIVIL")],  # a seat brings its helix in too
    }
    client = loaded(tables)
    found = findings(client, "HELIX")
    assert {i: (f["evidence"]["missing"], f["severity"]) for i, f in found.items()} == {
        "H-NO-CIVIL": (["CIVIL_SOCIETY"], 0.25),  # exactly one helix missing
        "H-NONE": (["ACADEMIA", "BUSINESS", "CIVIL_SOCIETY", "GOVERNMENT"], 1.0),
    }  # H-ALL and H-ASSOCIATION (business through a chamber) have all four
    assert severities(client, "HELIX", helices=["CIVIL_SOCIETY"]) == {
        "H-NO-CIVIL": 1.0, "H-NONE": 1.0}
    assert severities(client, "HELIX", helices=["ACADEMIA", "BUSINESS"]) == {"H-NONE": 1.0}
    assert severities(client, "HELIX", helices=["GOVERNMENT", "CIVIL_SOCIETY"]) == {
        "H-NO-CIVIL": 0.5, "H-NONE": 1.0}


def test_overlap_needs_the_same_division_an_overlapping_territory_and_nothing_shared(
    loaded: Loader,
) -> None:
    medellin, itagui = "CO-ANT-05001", "CO-ANT-05360"
    tables: Tables = {
        "territories": [
            {"code": medellin, "name": "Medellín", "level": "MUNICIPALITY",
             "parent_code": "CO-ANT"},
            {"code": itagui, "name": "Itagüí", "level": "MUNICIPALITY", "parent_code": "CO-ANT"},
        ],
        "institutions": [institution("GOB", "GOVERNMENT", "SUBNATIONAL", "CO-ANT")],
        "firms": [firm("F-SHARED", medellin, "1050")],
        "initiatives": [
            # Clothing (division 14): Medellín lies in Antioquia; Itagüí is not Medellín;
            # Valle is elsewhere.
            initiative("A-MEDELLIN", medellin, "1410"),
            initiative("B-ANTIOQUIA", "CO-ANT", "14"),
            initiative("C-ITAGUI", itagui, "1410"),
            initiative("D-VALLE", "CO-VAC", "14"),
            # Textiles (division 13) is another division of the same section C.
            initiative("E-TEXTILES", "CO-ANT", "1311"),
            # Dairy (10), coffee (01), lodging (55): they would overlap but share something.
            initiative("F-DAIRY", "CO-ANT", "1050"), initiative("G-DAIRY", medellin, "1050"),
            initiative("H-COFFEE", "CO-ANT", "0127"), initiative("I-COFFEE", medellin, "01"),
            initiative("J-LODGING", "CO-ANT", "5510"), initiative("K-LODGING", medellin, "55"),
            # Three divisions in common: the largest severity.
            initiative("L-DIGITAL", "CO-ANT", "5820;6201;6311"),
            initiative("M-DIGITAL", "CO-ANT", "58;62;63"),
        ],
        "participations": [takes_part("F-SHARED", "F-DAIRY"), takes_part("F-SHARED", "G-DAIRY")],
        "governance": [governs("GOB", "H-COFFEE"), governs("GOB", "I-COFFEE")],
        "collaborations": [{"initiative_id": "K-LODGING", "partner_initiative_id": "J-LODGING",
                            "kind": "joint event"}],
    }
    client = loaded(tables)
    found = findings(client, "OVERLAP")
    assert {pair: (f["evidence"]["divisions"], f["severity"]) for pair, f in found.items()} == {
        ("A-MEDELLIN", "B-ANTIOQUIA"): (["14"], 0.3333),
        ("B-ANTIOQUIA", "C-ITAGUI"): (["14"], 0.3333),
        ("L-DIGITAL", "M-DIGITAL"): (["58", "62", "63"], 1.0),
    }
    assert found["A-MEDELLIN", "B-ANTIOQUIA"]["evidence"]["overlappingTerritories"] == [
        [medellin, "CO-ANT"]]


def test_fragmented_support_is_suppressed_by_an_agreement_or_a_shared_board(
    loaded: Loader,
) -> None:
    names = ("MIN", "GORE", "MIN2", "GORE2", "X", "Y", "SOLO", "A", "B", "C")
    programs = [{"id": f"P-{n}", "name": f"Programa {n}", "institution_id": n}
                for n in names] + [{"id": "P-SOLO-2", "name": "Programa SOLO 2",
                                    "institution_id": "SOLO"}]

    def supported(initiative: str, *runners: str) -> list[dict[str, Any]]:
        return [{"program_id": f"P-{r}", "initiative_id": initiative, "since": 2015}
                for r in runners]

    tables: Tables = {
        "institutions": [institution(n, "GOVERNMENT", "NATIONAL", "CO") for n in names],
        "programs": programs,
        "initiatives": [initiative(i, "CO-ANT") for i in
                        ("F-SPLIT", "F-AGREEMENT", "F-BOARD", "F-ONE-RUNNER", "F-THREE",
                         "F-HUB")],
        "supports": supported("F-SPLIT", "MIN", "GORE")
        + supported("F-AGREEMENT", "MIN2", "GORE2") + supported("F-BOARD", "X", "Y")
        + supported("F-ONE-RUNNER", "SOLO") + [{"program_id": "P-SOLO-2",
                                                "initiative_id": "F-ONE-RUNNER"}]
        + supported("F-THREE", "A", "B", "C"),
        "agreements": [  # stored one way, counted either way
            {"institution_id": "GORE2", "partner_institution_id": "MIN2", "kind": "convenio",
             "since": 2015, "until": 2020},
            {"institution_id": "A", "partner_institution_id": "B", "kind": "convenio"},
        ],
        "governance": [governs("X", "F-HUB"), governs("Y", "F-HUB")],
    }
    client = loaded(tables)
    found = findings(client, "FRAGMENTED_SUPPORT")
    assert {i: (f["evidence"]["unlinkedPairs"], f["severity"]) for i, f in found.items()} == {
        "F-SPLIT": ([["GORE", "MIN"]], 1.0),
        "F-THREE": ([["A", "C"], ["B", "C"]], 0.6667),  # 2 of 3 pairs
    }
    # The agreement counts through its last year, and not after it.
    assert "F-AGREEMENT" not in findings(client, "FRAGMENTED_SUPPORT", scope={"year": 2020})
    assert findings(client, "FRAGMENTED_SUPPORT", scope={"year": 2021})["F-AGREEMENT"][
        "evidence"]["unlinkedPairs"] == [["GORE2", "MIN2"]]
