"""The records the likely-duplicate check reads from a dataset: one per firm, institution and
initiative with an id and a name, each with its country and first-level subdivision, made
from the validated columns when read, and each traced back to its sheet and row."""

from pathlib import Path

import neo4j

from loaders.dataset_duplicates import DatasetRecords, dataset_records
from loaders.duplicates import Record
from loaders.known import DatabaseKnown
from loaders.readers import read_dataset
from loaders.validation import validate
from tests.conftest import fresh_reference
from tests.loaders.datasets import small_network, write_csv_folder

EXPECTED = [
    Record("F-1", "Firm", "Empresas Públicas de Ejemplo", "CO", "890904996", "CO-ANT"),
    Record("F-2", "Firm", "Ingeniería Andina SAS", "CO", None, "CO-ANT"),
    Record("F-3", "Firm", "Café de la Montaña", "CO", None, "CO-ANT"),
    Record("G-1", "Institution", "Gobernación de Antioquia", "CO", None, "CO-ANT"),
    Record("U-1", "Institution", "Universidad de Antioquia", "CO", None, "CO-ANT"),
    Record("M-1", "Institution", "Ministerio de Comercio, Industria y Turismo", "CO", None,
           None),
    Record("INI-1", "Initiative", "Clúster Energía Sostenible", "CO", None, "CO-ANT"),
    Record("INI-2", "Initiative", "Cadena de valor del café de Antioquia", "CO", None,
           "CO-ANT"),
]


def test_records_come_in_table_order_with_their_places_and_rows(db: neo4j.Driver,
                                                               tmp_path: Path) -> None:
    fresh_reference(db, "neo4j")
    raw = read_dataset(write_csv_folder(small_network(), tmp_path))
    dataset = validate(raw, DatabaseKnown(db, "neo4j"))

    records = dataset_records(raw, dataset, skip=set())
    assert list(records) == EXPECTED
    assert [records[i] for i in range(len(records))] == EXPECTED
    assert records[2:4] == EXPECTED[2:4]
    assert records[-1] == EXPECTED[-1]
    assert records.tax_ids().to_pylist() == [r.tax_id for r in EXPECTED]
    assert records.names([6, 0, 3]) == [EXPECTED[i].name for i in (6, 0, 3)]
    held = Record("F-9", "Firm", "Empresa de la base", "CO", "900123456")
    with_held = DatasetRecords([held], records.tables)
    assert with_held.names([1, 0]) == [EXPECTED[0].name, held.name]
    assert with_held.tax_ids().to_pylist() == [held.tax_id] + [r.tax_id for r in EXPECTED]

    at = records.where({"F-3", "M-1", "INI-2"})
    assert {ref: (w.source, w.row) for ref, w in at.items()} == {
        "F-3": ("firms.csv", 4), "M-1": ("institutions.csv", 4),
        "INI-2": ("initiatives.csv", 3)}
    assert at["M-1"].record == EXPECTED[5]


def test_records_whose_id_is_skipped_are_left_out(db: neo4j.Driver, tmp_path: Path) -> None:
    fresh_reference(db, "neo4j")
    raw = read_dataset(write_csv_folder(small_network(), tmp_path))
    dataset = validate(raw, DatabaseKnown(db, "neo4j"))

    records = dataset_records(raw, dataset, skip={"F-2", "INI-1"})
    assert [r.ref for r in records] == ["F-1", "F-3", "G-1", "U-1", "M-1", "INI-2"]
    assert records.where({"F-3"})["F-3"].row == 4
