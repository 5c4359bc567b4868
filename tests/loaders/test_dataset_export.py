"""`articula db export`: the tables it writes load into an empty database as the same graph.

The graphs are compared whole (tests/loaders/graph_dump.py): every node but the load records
and the graph version, every relationship, every property but the load stamp `loadId`, which
names the load that wrote a node and so differs by design after loading again.
"""

import csv
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from loaders.dataset_export import export_dataset
from loaders.dataset_files import CsvFolder, ExportError
from loaders.load import SAMPLE, init, load, reset
from loaders.readers import read_dataset
from loaders.tables import TABLES
from service.access import create_key
from service.app import create_app
from tests.loaders.datasets import small_network, write_csv_folder, write_json
from tests.loaders.graph_dump import dump
from tests.neo4j_backends import Backend, articula

STATS = """{ stats {
  nodeCounts { label count }
  relationshipCounts { type count }
  projections { projection nodeCount edgeCount density components largestComponent }
  byCountry { code name level initiatives firms institutions }
  byTerritory { code name level initiatives firms institutions }
} }"""
HEADERS = {table.name: [column.name for column in table.all_columns] for table in TABLES}
FORMS = ["folder", "book.xlsx"]


@pytest.fixture
def database(neo4j_backend: Backend) -> str:
    return neo4j_backend.settings.neo4j_database


@pytest.fixture
def api(db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    """The app over an empty database that holds the schema and the reference data. `stats`
    is compared, not timed: its first scope query, planned on a server just started, took
    more than the default 30 s on the shared test machine under load."""
    init(db, neo4j_backend.settings.neo4j_database)
    patient = neo4j_backend.settings.model_copy(update={"neo4j_timeout_s": 300.0})
    with TestClient(create_app(patient)) as client:
        yield client


def stats(api: TestClient) -> dict[str, Any]:
    body = api.post("/graphql", json={"query": STATS}).json()
    assert "errors" not in body, body
    return dict(body["data"]["stats"])


def load_into_empty(driver: neo4j.Driver, database: str, path: Path) -> None:
    """What a user does with an export: `db reset --yes`, then `load` (which does the work of
    `db init` before it writes)."""
    reset(driver, database)
    load(path, driver, database, progress=False)


def tables(path: Path) -> dict[str, list[list[str]]]:
    """Every table the export wrote, header first, read independently of the loader."""
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        found = {}
        for sheet in book.worksheets:
            rows = [["" if v is None else str(v) for v in row]
                    for row in sheet.iter_rows(values_only=True)]
            width = len(rows[0])  # a row's empty cells at its end are not stored
            found[sheet.title] = [row + [""] * (width - len(row)) for row in rows]
        book.close()
        return found
    found = {}
    for file in sorted(path.glob("*.csv")):
        with file.open(encoding="utf-8-sig", newline="") as handle:
            found[file.stem] = list(csv.reader(handle))
    return found


def sample_rows(table: str) -> int:
    file = SAMPLE / f"{table}.csv"
    if not file.exists():
        return 0
    with file.open(encoding="utf-8", newline="") as handle:
        return len(list(csv.DictReader(handle)))


def test_the_sample_exported_and_loaded_into_an_empty_database_is_the_same_graph(
    api: TestClient, db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    load(SAMPLE, db, database, progress=False)
    before, graph = stats(api), dump(db)

    for form in FORMS:
        summary = export_dataset(db, database, tmp_path / form)
        assert summary.rows == {table.name: sample_rows(table.name) for table in TABLES}
        assert summary.notes() == []
    again = load(tmp_path / "folder", db, database, progress=False)
    assert (again.created, again.updated) == (0, 0)  # into the database it came from
    for form in FORMS:
        load_into_empty(db, database, tmp_path / form)
        assert dump(db) == graph, form
        assert stats(api) == before, form


CREATE = {
    "createInstitution": [
        {"id": "GOB-1", "name": "Gobernación del Huila", "kind": "gobierno",
         "level": "SUBNATIONAL", "territoryCode": "co-hui"},
        {"id": "UNI-1", "name": "Universidad Surcolombiana", "kind": "ACADEMIA",
         "level": "SUBNATIONAL"},
    ],
    "createInitiative": [
        {"id": "INI-CAFE", "name": "=Cadena del café, \"especial\"; Huila",
         "type": "cadena de valor", "status": "ACTIVE", "startYear": 2016,
         "territoryCodes": ["CO-HUI", "CO"], "sectorCodes": ["0127", "1079"],
         "description": "Tostadores\ny caficultores", "website": "https://example.org/cafe",
         "contact": "cafe@example.org"},
        {"id": "INI-TUR", "name": "Red de turismo cafetero", "type": "BUSINESS_NETWORK",
         "territoryCodes": ["CO-HUI"]},
    ],
    "createFirm": [
        {"id": "F-1", "name": "-Tostadores de Origen", "size": "pequeña",
         "territoryCode": "CO-HUI", "sectorCodes": ["1079"], "employees": 12,
         "foundedYear": 2015, "taxId": "0900123456"},
        {"id": "F-2", "name": "'s-Hertogenbosch Koffie", "territoryCode": "CO"},
    ],
    "createProgram": [
        {"id": "P-1", "name": "Cafés Especiales", "institutionId": "GOB-1",
         "startYear": 2020, "budget": 1234.5, "currency": "cop"},
    ],
    "createParticipation": [
        {"actorId": "F-1", "initiativeId": "INI-CAFE", "role": "líder", "since": 2016,
         "confidence": 0.875},
        {"actorId": "UNI-1", "initiativeId": "INI-CAFE", "role": "PARTNER"},
    ],
    "createGovernance": [
        {"institutionId": "GOB-1", "initiativeId": "INI-CAFE", "role": "CHAIR",
         "since": 2016, "until": 2024, "source": "@acta"},
    ],
    "createSupport": [
        {"programId": "P-1", "initiativeId": "INI-CAFE", "amount": 1.25, "currency": "COP"},
    ],
    "createSupply": [{"supplierId": "F-2", "clientId": "F-1", "weight": 0.5}],
    "createCollaboration": [
        {"initiativeId": "INI-CAFE", "partnerInitiativeId": "INI-TUR", "kind": "joint route"},
    ],
    "createAgreement": [
        {"institutionId": "GOB-1", "partnerInstitutionId": "UNI-1", "kind": "convenio",
         "since": 2019},
    ],
}
INPUTS = {"Institution": "InstitutionInput", "Initiative": "InitiativeInput",
          "Firm": "FirmInput", "Program": "ProgramInput", "Participation": "ParticipationInput",
          "Governance": "GovernanceInput", "Support": "SupportInput", "Supply": "SupplyInput",
          "Collaboration": "CollaborationInput", "Agreement": "AgreementInput"}
# What the tables hold after the writes above and one update, written by hand from them.
WRITTEN = {
    "institutions": [
        ["GOB-1", "Gobernación del Huila", "GOVERNMENT", "SUBNATIONAL", "CO-HUI"],
        ["UNI-1", "Universidad Surcolombiana", "ACADEMIA", "SUBNATIONAL", ""],
    ],
    "initiatives": [
        ["INI-CAFE", "=Cadena del café, \"especial\"; Huila", "VALUE_CHAIN", "ACTIVE", "2016", "",
         "CO;CO-HUI", "0127;1079", "Tostadores\ny caficultores", "https://example.org/cafe",
         "cafe@example.org"],
        ["INI-TUR", "Red de turismo cafetero", "BUSINESS_NETWORK", "", "", "", "CO-HUI", "",
         "", "", ""],
    ],
    "firms": [
        ["F-1", "-Tostadores de Origen", "SMALL", "CO-HUI", "1079", "12", "2015", "0900123456"],
        ["F-2", "'s-Hertogenbosch Koffie", "", "CO-HUI", "", "", "", ""],
    ],
    "programs": [["P-1", "Cafés Especiales", "", "GOB-1", "2020", "", "1234.5", "COP"]],
    "participations": [
        ["F-1", "INI-CAFE", "LEADER", "2016", "", "", "0.875"],
        ["UNI-1", "INI-CAFE", "PARTNER", "", "", "", ""],
    ],
    "governance": [["GOB-1", "INI-CAFE", "CHAIR", "2016", "2024", "@acta", ""]],
    "supports": [["P-1", "INI-CAFE", "1.25", "COP", "", "", "", ""]],
    "supplies": [["F-2", "F-1", "0.5", "", "", "", ""]],
    "collaborations": [["INI-CAFE", "INI-TUR", "joint route", "", "", "", ""]],
    "agreements": [["GOB-1", "UNI-1", "convenio", "2019", "", "", ""]],
    "territories": [],
    "sectors": [],
}


def unmarked(rows: list[list[str]]) -> list[list[str]]:
    """Cells as the loader reads them: without the mark against formulas."""
    return [[cell[1:] if cell[:2] in ("'=", "'-", "'@") else cell for cell in row]
            for row in rows]


def test_what_the_api_wrote_comes_out_in_the_tables_and_loads_back(
    api: TestClient, db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    key = create_key(db, database, "editor", "EDITOR").key
    for mutation, inputs in CREATE.items():
        kind = mutation.removeprefix("create")
        for fields in inputs:
            answer = api.post("/graphql", headers={"Authorization": f"Bearer {key}"}, json={
                "query": f"mutation($input: {INPUTS[kind]}!) {{ {mutation}(input: $input) "
                         "{ auditId } }", "variables": {"input": fields}}).json()
            assert "errors" not in answer, answer
    moved = api.post("/graphql", headers={"Authorization": f"Bearer {key}"}, json={
        "query": 'mutation { updateFirm(input: {id: "F-2", territoryCode: "CO-HUI"}) '
                 "{ auditId } }"}).json()
    assert "errors" not in moved, moved
    graph = dump(db)

    for form in FORMS:
        export_dataset(db, database, tmp_path / form)
        written = tables(tmp_path / form)
        assert {name: rows[0] for name, rows in written.items()} == HEADERS
        shown = {name: rows[1:] for name, rows in written.items()}
        if form == "folder":
            assert shown["initiatives"][0][1].startswith("'=")  # no spreadsheet runs it
            shown = {name: unmarked(rows) for name, rows in shown.items()}
        assert shown == WRITTEN, form
    for form in FORMS:
        load_into_empty(db, database, tmp_path / form)
        assert dump(db) == graph, form


def test_an_empty_database_exports_every_table_with_its_header_only(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    for form in FORMS:
        summary = export_dataset(reference_db, database, tmp_path / form)
        assert summary.rows == dict.fromkeys(HEADERS, 0)
        assert tables(tmp_path / form) == {name: [header] for name, header in HEADERS.items()}
        assert load(tmp_path / form, reference_db, database, progress=False).created == 0


NASTY = [
    "=cmd|' /C calc'!A0", "+57 4 000", "@SUM(A1)", "-x", "'=already marked", "''-twice",
    "'s-Hertogenbosch", "#N/A", "multi\nline \"quoted\", with; separators", "Ñandú \u2013 “x”",
    "0127", "1.234",
]


def test_texts_and_numbers_come_back_as_they_were_stored(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    network = small_network()
    network["firms"] += [
        {"id": f"F-N{n}", "name": text, "size": "", "territory_code": "CO",
         "sector_codes": "", "employees": n, "founded_year": "", "tax_id": text}
        for n, text in enumerate(NASTY)]
    network["programs"][0]["budget"] = 1.234  # alone in its CSV file: 1234 or 1.234?
    network["supports"][0]["amount"] = 0.1
    network["participations"][0]["confidence"] = 0.333333333333
    network["supplies"][0]["weight"] = 1e20
    load(write_json(network, tmp_path / "given.json"), reference_db, database, progress=False)
    graph = dump(reference_db)
    for form in FORMS:
        export_dataset(reference_db, database, tmp_path / form)

    for form in FORMS:
        load_into_empty(reference_db, database, tmp_path / form)
        assert dump(reference_db) == graph, form
        records, _, _ = reference_db.execute_query(
            "MATCH (f:Firm) WHERE f.id STARTS WITH 'F-N' RETURN f.name AS name "
            "ORDER BY f.employees")
        assert [r["name"] for r in records] == NASTY, form
    book = load_workbook(tmp_path / "book.xlsx")
    assert {cell.data_type for row in book["firms"].iter_rows(min_row=2) for cell in row
            if cell.value is not None} == {"s", "n"}  # no formula, no error cell


def test_what_a_table_cannot_hold_is_told_and_the_first_value_written(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    load(write_csv_folder(small_network(), tmp_path / "given"), reference_db, database,
         progress=False)
    reference_db.execute_query(  # a later load that moved a firm adds a territory
        "MATCH (f:Firm {id: 'F-2'}), (t:Territory {code: 'CO'}) MERGE (f)-[:LOCATED_IN]->(t)")
    reference_db.execute_query("MATCH (:Initiative {id: 'INI-2'})-[r:LOCATED_IN]->() DELETE r")

    summary = export_dataset(reference_db, database, tmp_path / "out")

    assert [note.render("en") for note in summary.notes()] == [
        "firms: 1 row has more than one value for territory_code, which holds one; the first "
        "in order was written: F-2 (CO;CO-ANT-05001).",
        "initiatives: 1 row has no territory_codes, which `articula load` requires: INI-2; "
        "fill it in before loading the tables.",
    ]
    firms = {row[0]: row for row in tables(tmp_path / "out")["firms"]}
    assert firms["F-2"][3] == "CO"


def test_a_text_a_workbook_cannot_hold_refuses_the_workbook_but_not_the_folder(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    network = small_network()
    network["firms"][0]["name"] = "Empresa\x01Control"
    load(write_csv_folder(network, tmp_path / "given"), reference_db, database,
         progress=False)

    with pytest.raises(ExportError) as refused:
        export_dataset(reference_db, database, tmp_path / "book.xlsx")
    assert refused.value.code == "DATASET_EXPORT"
    assert refused.value.message.startswith("firms, F-1, column name: a workbook cannot hold")
    assert list(tmp_path.iterdir()) == [tmp_path / "given"]  # nothing left behind

    graph = dump(reference_db)
    export_dataset(reference_db, database, tmp_path / "folder")
    load_into_empty(reference_db, database, tmp_path / "folder")
    assert dump(reference_db) == graph


def test_an_export_that_would_not_hold_a_committed_dataset_writes_nothing(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    load(write_csv_folder(small_network(), tmp_path / "given"), reference_db, database,
         progress=False)
    out = tmp_path / "out"
    out.mkdir()
    (out / "firms.csv").write_text("kept", encoding="utf-8")

    def write_meanwhile() -> None:
        reference_db.execute_query("MATCH (f:Firm {id: 'F-1'}) SET f.employees = 1")
        reference_db.execute_query("MATCH (g:GraphVersion) SET g.version = g.version + 1")

    with pytest.raises(ExportError, match="changed while it was being exported"):
        export_dataset(reference_db, database, out, before_check=write_meanwhile)
    assert [p.name for p in out.iterdir()] == ["firms.csv"]
    assert (out / "firms.csv").read_text(encoding="utf-8") == "kept"

    reference_db.execute_query("CREATE (:Load {id: 'under-way', status: 'WRITING'})")
    try:
        with pytest.raises(ExportError, match=r"A load is under way \(under-way\)"):
            export_dataset(reference_db, database, tmp_path / "during")
    finally:
        reference_db.execute_query("MATCH (l:Load {id: 'under-way'}) DELETE l")
    assert not (tmp_path / "during").exists()


def test_the_command_writes_the_tables_and_refuses_a_file_it_cannot_write(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    load(write_csv_folder(small_network(), tmp_path / "given"), reference_db,
         neo4j_backend.settings.neo4j_database, progress=False)

    exported = articula(neo4j_backend, "db", "export", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    rows = sum(len(rows) for rows in small_network().values())
    assert exported.stdout == (f"Wrote {rows} rows in 12 tables to {tmp_path / 'out'}; "
                               f"`articula load {tmp_path / 'out'}` loads them back.\n")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{name}.csv" for name in HEADERS)


@pytest.mark.parametrize("name", ["data.json", "firms.csv", "a-file"])
def test_an_export_to_a_file_that_is_no_workbook_is_refused(
    driver: neo4j.Driver, database: str, tmp_path: Path, name: str
) -> None:
    (tmp_path / "a-file").write_text("kept", encoding="utf-8")
    with pytest.raises(ExportError, match="a dataset export is a folder of CSV files, or an "
                                          r"\.xlsx workbook when the name ends in \.xlsx"):
        export_dataset(driver, database, tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.text(min_size=1).map(str.strip).filter(bool), min_size=1,
                      max_size=5))
def test_a_csv_folder_gives_the_reader_back_every_text_as_written(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = CsvFolder(Path(folder))
        files.begin({})
        files.table("firms", ["id", "name"])
        for n, text in enumerate(texts):
            files.row(str(n), [text, text])
        files.commit()
        frame = read_dataset(Path(folder))["firms"].frame
    assert frame["id"].tolist() == frame["name"].tolist() == texts
