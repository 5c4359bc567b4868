"""The import files of `articula load --bulk` hold, row for row and value for value, the
nodes and relationships the live load writes for the same dataset, read back with Python's
csv module and the types their headers give."""

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import neo4j

from loaders.bulk import (
    ARRAY_DELIMITER,
    CODE_SPACES,
    ENTITY_LABELS,
    RELATIONSHIPS,
    reference_image,
    write_import_files,
)
from loaders.known import DatabaseKnown
from loaders.readers import read_dataset
from loaders.validation import Dataset, validate
from loaders.writer import LoadSummary, plan
from tests.conftest import fresh_reference
from tests.loaders.datasets import small_network, write_csv_folder

LOAD = "loadidforthe1"
HOSTILE = 'Comercial "La Esquina", Ltda.\nsede norte'


def dataset_with_hostile_texts(db: neo4j.Driver, folder: Path) -> Dataset:
    """The small network with texts that need quoting, and cells left empty in some rows of
    a column and not in others (rows of one table with different properties)."""
    fresh_reference(db, "neo4j")
    tables = small_network()
    tables["firms"][1]["name"] = HOSTILE
    tables["firms"][2]["tax_id"] = "900,123;45"
    tables["participations"][1]["source"] = 'a "quoted" source'
    return validate(read_dataset(write_csv_folder(tables, folder)),
                    DatabaseKnown(db, "neo4j"))


def typed(field: str, kind: str) -> Any:
    if kind.endswith("[]"):
        return [typed(item, kind[:-2]) for item in field.split(ARRAY_DELIMITER)]
    return {"long": int, "double": float, "boolean": lambda f: f == "true"}.get(
        kind, str)(field)


def written(folder: Path) -> Counter[tuple[str, str, str, str]]:
    """Every row the files hold with this load's stamp: (label or type, key or ends,
    properties), each typed as its column's header says."""
    found: Counter[tuple[str, str, str, str]] = Counter()
    for path in folder.glob("*.csv"):
        kind, name = path.name.split("-")[:2]
        with path.open(encoding="utf-8", newline="") as file:
            rows = csv.reader(file)
            header = next(rows)
            keys = 1 if kind == "nodes" else 2
            columns = [(c.split(":")[0], c.split(":")[1]) for c in header[keys:]]
            for row in rows:
                properties = {column: typed(field, of) for (column, of), field
                              in zip(columns, row[keys:], strict=True) if field != ""}
                # territories and sectors the dataset adds are merged into the reference's
                if properties.get("loadId") == LOAD and not header[0].startswith("code:"):
                    found[(kind, name, repr(row[:keys]), repr(sorted(properties.items())))] += 1
    return found


def planned(dataset: Dataset) -> Counter[tuple[str, str, str, str]]:
    """What the live load's statements write for the rows validation found new."""
    expected: Counter[tuple[str, str, str, str]] = Counter()
    for step in plan(dataset):
        statement = step.statement.removeprefix("load/create_")
        if not step.creates or statement in CODE_SPACES:
            continue
        for row in step.rows:
            properties = repr(sorted({**row["props"], "loadId": LOAD}.items()))
            if statement in ENTITY_LABELS:
                expected[("nodes", "_".join(ENTITY_LABELS[statement]), repr([row["id"]]),
                          properties)] += 1
            else:
                expected[("relationships", RELATIONSHIPS[statement][0],
                          repr([row["from"], row["to"]]), properties)] += 1
    return expected


def test_the_import_files_hold_the_rows_the_live_load_writes(
        db: neo4j.Driver, tmp_path: Path) -> None:
    dataset = dataset_with_hostile_texts(db, tmp_path / "dataset")
    folder = tmp_path / "import"
    folder.mkdir()
    files = write_import_files(dataset, reference_image(), folder, LOAD, LoadSummary("test"))
    rows = written(folder)
    assert rows == planned(dataset)
    assert files.multiline  # the hostile name's line break: neo4j-admin must be told
    assert any(repr(HOSTILE) in key[3] for key in rows)
    assert sum(n for (kind, *_), n in rows.items() if kind == "nodes") == 9  # 2+3+3+1
