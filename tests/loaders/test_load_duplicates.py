"""A load reports the likely duplicates it brings, within the dataset and against the
database, with both rows; `--strict` refuses them and writes nothing."""

from pathlib import Path

import neo4j
import pytest

from loaders.load import load
from loaders.problems import DatasetError
from tests.loaders.datasets import Tables, small_network, write_csv_folder
from tests.loaders.graph_dump import count, dump
from tests.neo4j_backends import Backend, articula


@pytest.fixture
def database(neo4j_backend: Backend) -> str:
    return neo4j_backend.settings.neo4j_database


def with_firm(tables: Tables, firm: dict[str, object]) -> Tables:
    base = tables["firms"][0]
    return {**tables, "firms": [*tables["firms"], {**{k: "" for k in base}, **firm}]}


ANDINA_AGAIN = {"id": "F-9", "name": "Ingenieria Andina", "territory_code": "CO-ANT"}


def test_a_duplicate_within_the_dataset_loads_with_a_warning_naming_both_rows(
        db: neo4j.Driver, database: str, tmp_path: Path) -> None:
    folder = write_csv_folder(with_firm(small_network(), ANDINA_AGAIN), tmp_path / "d")
    summary = load(folder, db, database, progress=False)
    assert [str(w) for w in summary.warnings] == [
        "firms.csv, row 3, column name: 'Ingeniería Andina SAS': likely the same firm as "
        "firms.csv, row 5: 'Ingenieria Andina' (F-9) (names 100% alike); if it is, refer to "
        "F-9 instead of adding a new one; if it is not, load anyway (`--strict` refuses "
        "likely duplicates)"]
    assert {label: c.created for label, c in summary.counts.items()}["firms"] == 4


def test_strict_refuses_the_dataset_and_writes_nothing(db: neo4j.Driver, database: str,
                                                      tmp_path: Path) -> None:
    folder = write_csv_folder(with_firm(small_network(), ANDINA_AGAIN), tmp_path / "d")
    before = dump(db, stamps=True), count(db)
    with pytest.raises(DatasetError) as refused:
        load(folder, db, database, progress=False, strict=True)
    assert [(p.source, p.row, p.kind) for p in refused.value.problems] == [
        ("firms.csv", 3, "problem.likely_duplicate")]
    assert (dump(db, stamps=True), count(db)) == before


def test_a_new_firm_with_the_tax_id_of_one_in_the_database_names_that_firm(
        db: neo4j.Driver, database: str, tmp_path: Path) -> None:
    load(write_csv_folder(small_network(), tmp_path / "first"), db, database, progress=False)
    second = {"firms": [{"id": "F-20", "name": "EPE Energía", "size": "LARGE",
                         "territory_code": "CO-ANT", "sector_codes": "3510", "employees": "",
                         "founded_year": "", "tax_id": "890.904.996-1"}]}
    summary = load(write_csv_folder(second, tmp_path / "second"), db, database,
                   progress=False)
    assert [str(w) for w in summary.warnings] == [
        "firms.csv, row 2, column name: 'EPE Energía': likely the same firm as 'Empresas "
        "Públicas de Ejemplo' (F-1) in the database (the same tax id); if it is, refer to F-1 "
        "instead of adding a new one; if it is not, load anyway (`--strict` refuses likely "
        "duplicates)"]


def test_loading_a_dataset_again_warns_of_nothing(db: neo4j.Driver, database: str,
                                                 tmp_path: Path) -> None:
    folder = write_csv_folder(small_network(), tmp_path / "d")
    assert load(folder, db, database, progress=False).warnings == []
    assert load(folder, db, database, progress=False).warnings == []


def test_the_command_line_warns_after_the_summary_and_strict_exits_with_the_problem(
        db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path) -> None:
    folder = write_csv_folder(with_firm(small_network(), ANDINA_AGAIN), tmp_path / "d")
    strict = articula(neo4j_backend, "load", "--strict", str(folder))
    assert strict.returncode != 0 and "likely the same firm as" in strict.stderr
    loaded = articula(neo4j_backend, "load", str(folder))
    assert loaded.returncode == 0, loaded.stderr
    assert "Likely duplicates: 1 (loaded all the same; `--strict` refuses them)" in loaded.stdout
