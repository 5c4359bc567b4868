"""Loading datasets: the same graph from every format, idempotent, literal, all or nothing."""

from pathlib import Path

import neo4j
import pytest

from loaders import readers
from loaders.load import load
from loaders.problems import DatasetError
from tests.loaders.datasets import (
    Tables,
    small_network,
    write_csv_folder,
    write_json,
    write_xlsx,
)
from tests.loaders.graph_dump import count, dump
from tests.neo4j_backends import Backend


@pytest.fixture
def database(neo4j_backend: Backend) -> str:
    return neo4j_backend.settings.neo4j_database


def node(driver: neo4j.Driver, entity_id: str) -> dict[str, object]:
    records, _, _ = driver.execute_query(
        "MATCH (n {id: $id}) RETURN properties(n) AS props", id=entity_id
    )
    assert len(records) == 1, f"{entity_id} not found once"
    return dict(records[0]["props"])


def test_csv_xlsx_and_json_give_the_same_graph(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    tables = small_network()
    graphs = []
    # from the reference data alone, whatever keys and audit entries earlier tests left
    reference_db.execute_query("MATCH (n) WHERE n.reference IS NULL DETACH DELETE n")
    for path in (write_csv_folder(tables, tmp_path / "csv"),
                 write_xlsx(tables, tmp_path / "data.xlsx"),
                 write_json(tables, tmp_path / "data.json")):
        summary = load(path, reference_db, database, progress=False)
        assert summary.created > 0
        graphs.append(dump(reference_db))
        reference_db.execute_query("MATCH (n) WHERE n.reference IS NULL DETACH DELETE n")
    assert graphs[0] == graphs[1] == graphs[2]


def test_the_loaded_graph_holds_every_row_with_its_properties(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    summary = load(write_csv_folder(small_network(), tmp_path), reference_db, database,
                   progress=False)
    assert summary.counts["initiatives"].created == 2
    assert summary.counts["participations"].created == 4
    cluster = node(reference_db, "INI-1")
    assert cluster["name"] == "Clúster Energía Sostenible"
    assert (cluster["type"], cluster["startYear"]) == ("CLUSTER", 2009)
    assert "endYear" not in cluster  # empty cells are not stored
    records, _, _ = reference_db.execute_query(
        "MATCH (l:Load {id: $id}) RETURN l.source AS source, l.loadedAt IS NOT NULL AS dated",
        id=cluster["loadId"])
    assert [dict(r) for r in records] == [{"source": tmp_path.name, "dated": True}]
    records, _, _ = reference_db.execute_query(
        "MATCH (f:Actor:Firm {id: 'F-1'})-[p:PARTICIPATES_IN]->(i:Initiative {id: 'INI-1'}) "
        "MATCH (f)-[:LOCATED_IN]->(t:Territory)-[:PART_OF]->(r:Territory)-[:PART_OF]->(c) "
        "MATCH (u:Actor:Institution {id: 'M-1'})-[:RUNS]->(:Program {id: 'P-1'})"
        "-[s:SUPPORTS]->(i) "
        "RETURN p.role AS role, p.confidence AS confidence, p.source AS source, t.name AS town, "
        "r.code AS region, c.code AS country, s.amount AS amount, s.currency AS currency"
    )
    assert [dict(r) for r in records] == [{
        "role": "ANCHOR", "confidence": 0.9, "source": "survey", "town": "Medellín",
        "region": "CO-ANT", "country": "CO", "amount": 250000.5, "currency": "COP",
    }]
    records, _, _ = reference_db.execute_query(
        "MATCH (:Actor {id: 'F-3'})-[:IN_SECTOR]->(s:Sector) RETURN s.code AS code ORDER BY code"
    )
    assert [r["code"] for r in records] == ["0127", "1079"]


def test_files_read_in_many_chunks_load_the_same_graph_and_name_rows_across_chunks(
    reference_db: neo4j.Driver, database: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference_db.execute_query("MATCH (n) WHERE n.reference IS NULL DETACH DELETE n")
    path = write_csv_folder(small_network(), tmp_path / "whole")
    load(path, reference_db, database, progress=False)
    whole = dump(reference_db)
    reference_db.execute_query("MATCH (n) WHERE n.reference IS NULL DETACH DELETE n")
    monkeypatch.setattr(readers, "CHUNK_ROWS", 2)  # every table of more than 2 rows in pieces

    load(path, reference_db, database, progress=False)
    assert dump(reference_db) == whole

    tables = small_network()
    tables["participations"].append(dict(tables["participations"][0]))  # row 6, chunk 3
    tables["participations"][3]["since"] = "mil"  # row 5, chunk 2
    text = refused(reference_db, database, write_csv_folder(tables, tmp_path / "broken"))
    assert ("participations.csv, row 6, column initiative_id: 'INI-1': duplicate of row 2 "
            "(same actor_id and initiative_id)") in text
    assert "participations.csv, row 5, column since: 'mil': expected a year" in text


def test_loading_the_same_dataset_again_changes_nothing(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    path = write_csv_folder(small_network(), tmp_path)
    load(path, reference_db, database, progress=False)
    before = dump(reference_db, stamps=True), count(reference_db)

    again = load(path, reference_db, database, progress=False)

    assert (again.created, again.updated) == (0, 0)
    assert (dump(reference_db, stamps=True), count(reference_db)) == before


def test_a_changed_row_updates_only_that_node(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    tables = small_network()
    load(write_csv_folder(tables, tmp_path / "v1"), reference_db, database, progress=False)
    tables["firms"][1]["employees"] = 55
    summary = load(write_csv_folder(tables, tmp_path / "v2"), reference_db, database,
                   progress=False)
    assert (summary.created, summary.updated) == (0, 1)
    assert node(reference_db, "F-2")["employees"] == 55
    assert node(reference_db, "F-2")["loadId"] == summary.load_id
    assert node(reference_db, "F-1")["loadId"] != summary.load_id


def test_spanish_labels_and_any_case_name_the_same_values(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    tables = small_network()
    tables["initiatives"][0]["type"] = "clúster"
    tables["initiatives"][1]["type"] = "Cadena de Valor"
    tables["institutions"][0]["kind"] = "gobierno"
    tables["institutions"][1]["kind"] = "Academia"
    tables["institutions"][1]["level"] = "departamental"
    tables["firms"][0]["size"] = "grande"
    load(write_csv_folder(tables, tmp_path), reference_db, database, progress=False)
    assert node(reference_db, "INI-1")["type"] == "CLUSTER"
    assert node(reference_db, "INI-2")["type"] == "VALUE_CHAIN"
    assert node(reference_db, "G-1")["kind"] == "GOVERNMENT"
    assert (node(reference_db, "U-1")["kind"], node(reference_db, "U-1")["level"]) == (
        "ACADEMIA", "SUBNATIONAL")
    assert node(reference_db, "F-1")["size"] == "LARGE"


@pytest.mark.parametrize("encoding, delimiter", [
    ("latin-1", ","), ("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ";"),
])
def test_encodings_and_separators_are_read_correctly(
    reference_db: neo4j.Driver, database: str, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = write_csv_folder(small_network(), tmp_path, encoding=encoding, delimiter=delimiter)
    load(path, reference_db, database, progress=False)
    assert node(reference_db, "INI-2")["name"] == "Cadena de valor del café de Antioquia"
    assert node(reference_db, "M-1")["name"] == "Ministerio de Comercio, Industria y Turismo"


@pytest.mark.parametrize("text", [
    "=cmd|' /C calc'!A0",
    "+SUM(A1:A9)",
    "x'}) MATCH (n) DETACH DELETE n //",
    "Robert\"); DROP TABLE firms;--",
    "$name {id: 1} `label`",
])
@pytest.mark.parametrize("form", ["csv", "xlsx", "json"])
def test_cell_text_is_stored_literally(
    reference_db: neo4j.Driver, database: str, tmp_path: Path, text: str, form: str
) -> None:
    tables = small_network()
    tables["firms"][1]["name"] = text
    tables["initiatives"][0]["description"] = text
    writers = {"csv": lambda: write_csv_folder(tables, tmp_path / "csv"),
               "xlsx": lambda: write_xlsx(tables, tmp_path / "d.xlsx"),
               "json": lambda: write_json(tables, tmp_path / "d.json")}
    load(writers[form](), reference_db, database, progress=False)
    assert node(reference_db, "F-2")["name"] == text
    assert node(reference_db, "INI-1")["description"] == text
    assert count(reference_db)[0] > 1300  # nothing was deleted


def refused(driver: neo4j.Driver, database: str, path: Path) -> str:
    """Load `path`, expect a refusal, check nothing was written; return the message."""
    before = dump(driver, stamps=True), count(driver)
    with pytest.raises(DatasetError) as refusal:
        load(path, driver, database, progress=False)
    assert (dump(driver, stamps=True), count(driver)) == before
    return refusal.value.message


def broken(tables: Tables, table: str, index: int, column: str, value: object) -> Tables:
    tables[table][index][column] = value
    return tables


@pytest.mark.parametrize("table, index, column, value, message", [
    ("initiatives", 1, "type", "CLUSTERR",
     "initiatives.csv, row 3, column type: 'CLUSTERR': expected one of CLUSTER, VALUE_CHAIN"),
    ("firms", 0, "founded_year", "mil novecientos",
     "firms.csv, row 2, column founded_year: 'mil novecientos': expected a year between 1800"),
    ("participations", 2, "initiative_id", "INI-404",
     "participations.csv, row 4, column initiative_id: 'INI-404': unknown initiative id"),
    ("firms", 2, "territory_code", "CO-XYZ",
     "firms.csv, row 4, column territory_code: 'CO-XYZ': unknown territory code"),
    ("initiatives", 0, "sector_codes", "35;9999",
     "initiatives.csv, row 2, column sector_codes: '9999': unknown sector code"),
    ("governance", 0, "institution_id", "F-1",
     "governance.csv, row 2, column institution_id: 'F-1': expected the id of an institution, "
     "but it is the id of a firm"),
    ("participations", 0, "confidence", "1.5",
     "participations.csv, row 2, column confidence: '1.5': expected a number from 0 to 1"),
    ("supplies", 0, "client_id", "F-2",
     "supplies.csv, row 2, column client_id: 'F-2': must differ from supplier_id"),
    ("initiatives", 1, "end_year", "2001",
     "initiatives.csv, row 3, column end_year: '2001': must not be before start_year (2015)"),
    ("programs", 0, "currency", "PESOS",
     "programs.csv, row 2, column currency: 'PESOS': expected an ISO 4217 currency code"),
    ("firms", 1, "name", "",
     "firms.csv, row 3, column name: '': a value is required"),
])
def test_a_bad_cell_is_named_by_file_row_column_and_value(
    reference_db: neo4j.Driver, database: str, tmp_path: Path,
    table: str, index: int, column: str, value: object, message: str,
) -> None:
    path = write_csv_folder(broken(small_network(), table, index, column, value), tmp_path)
    assert message in refused(reference_db, database, path)


def test_a_duplicate_id_names_both_rows(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    tables = small_network()
    tables["institutions"][2]["id"] = "F-2"
    text = refused(reference_db, database, write_csv_folder(tables, tmp_path))
    assert ("institutions.csv, row 4, column id: 'F-2': duplicate id; already used in "
            "firms.csv, row 3") in text


def test_a_missing_required_column_is_named(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    tables = small_network()
    for row in tables["institutions"]:
        del row["kind"]
    text = refused(reference_db, database, write_csv_folder(tables, tmp_path))
    assert "institutions.csv, row 1, column kind: required column is missing" in text


def test_an_empty_file_and_an_unknown_table_are_refused(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    folder = write_csv_folder(small_network(), tmp_path)
    (folder / "supplies.csv").write_text("")
    (folder / "firm.csv").write_text("id,name\nX,Y\n")
    text = refused(reference_db, database, folder)
    assert "supplies.csv: the file is empty" in text
    assert "firm.csv: unknown table 'firm'" in text


def test_every_problem_is_counted_and_the_list_is_capped(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    tables = small_network()
    template = tables["firms"][1]
    tables["firms"] += [{**template, "id": f"X-{n}", "size": "HUGE"} for n in range(70)]
    text = refused(reference_db, database, write_csv_folder(tables, tmp_path))
    assert text.startswith("The dataset has 70 problems of 1 kind; nothing was written")
    assert "firms.csv, row 74, column size: 'HUGE'" not in text  # beyond the first 50
    assert "... and 20 more problems" in text


def test_an_id_of_another_kind_in_the_database_is_refused(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    load(write_csv_folder(small_network(), tmp_path / "first"), reference_db, database,
         progress=False)
    second = {"programs": [{"id": "F-1", "name": "Programa", "instrument": "",
                            "institution_id": "", "start_year": "", "end_year": "",
                            "budget": "", "currency": ""}]}
    text = refused(reference_db, database, write_csv_folder(second, tmp_path / "second"))
    assert ("programs.csv, row 2, column id: 'F-1': this id already belongs to a firm in the "
            "database") in text


def test_references_may_point_at_what_an_earlier_load_wrote(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    load(write_csv_folder(small_network(), tmp_path / "first"), reference_db, database,
         progress=False)
    more = {"participations": [{"actor_id": "U-1", "initiative_id": "INI-2", "role": "socio",
                                "since": "", "until": "", "source": "", "confidence": ""}]}
    summary = load(write_csv_folder(more, tmp_path / "more"), reference_db, database,
                   progress=False)
    assert summary.counts["participations"].created == 1


def test_dry_run_validates_and_writes_nothing(
    reference_db: neo4j.Driver, database: str, tmp_path: Path
) -> None:
    before = count(reference_db)
    summary = load(write_csv_folder(small_network(), tmp_path), reference_db, database,
                   dry_run=True, progress=False)
    assert summary.dry_run and summary.rows == sum(len(r) for r in small_network().values())
    assert count(reference_db) == before
