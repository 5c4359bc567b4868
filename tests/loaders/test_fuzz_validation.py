"""Random damage to a valid dataset never crashes the loader and never writes on error.

Hypothesis starts from the small network and changes cells, drops columns, adds unknown
ones and duplicates rows; the loader must answer with a load or with a DatasetError whose
every problem names its table, and after an error the database must be as it was.
"""

import shutil
import tempfile
from pathlib import Path
from typing import Any

import neo4j
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.load import load
from loaders.problems import DatasetError
from tests.loaders.datasets import Tables, small_network, write_csv_folder
from tests.loaders.graph_dump import dump
from tests.neo4j_backends import Backend

TABLES = small_network()
IDS = sorted({row["id"] for name in ("initiatives", "firms", "institutions", "programs")
              for row in TABLES[name]})

nasty_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from([
        "", " ", "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "'); MATCH (n) DETACH DELETE n //",
        "NaN", "inf", "-1", "1e309", "2020.5", "١٩٩٩", "cluster", "clúster", "CO-ANT", "XX-99",
        "C;10;;107", "0127", ";;", "\x00", "\u202e", "null", "None", "999999999999999999999",
        *IDS, "INI-404",
    ]),
)


@st.composite
def damaged(draw: st.DrawFn) -> Tables:
    tables: Tables = {name: [dict(row) for row in rows] for name, rows in TABLES.items()}
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(sorted(tables)))
        rows = tables[name]
        if not rows:
            continue
        action = draw(st.sampled_from(["cell", "cell", "cell", "drop", "extra", "duplicate"]))
        columns = list(rows[0])
        if action == "cell":
            row = draw(st.sampled_from(rows))
            row[draw(st.sampled_from(columns))] = draw(nasty_text)
        elif action == "drop":
            column = draw(st.sampled_from(columns))
            for row in rows:
                row.pop(column, None)
        elif action == "extra":
            for row in rows:
                row["colour"] = draw(nasty_text)
        else:
            rows.append(dict(draw(st.sampled_from(rows))))
    return tables


def attempt(tables: Tables, driver: neo4j.Driver, database: str, *, dry_run: bool) -> Any:
    folder = Path(tempfile.mkdtemp())
    try:
        return load(write_csv_folder(tables, folder / "dataset"), driver, database,
                    dry_run=dry_run)
    except DatasetError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.source.removesuffix(".csv") in tables, problem
            assert problem.expected
        return error
    finally:
        shutil.rmtree(folder)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(tables=damaged())
def test_validation_never_crashes_on_a_damaged_dataset(
    tables: Tables, reference_db: neo4j.Driver, neo4j_backend: Backend
) -> None:
    attempt(tables, reference_db, neo4j_backend.settings.neo4j_database, dry_run=True)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(tables=damaged())
def test_a_refused_load_leaves_the_database_as_it_was(
    tables: Tables, reference_db: neo4j.Driver, neo4j_backend: Backend
) -> None:
    before = dump(reference_db, stamps=True)
    outcome = attempt(tables, reference_db, neo4j_backend.settings.neo4j_database,
                      dry_run=False)
    if isinstance(outcome, DatasetError):
        assert dump(reference_db, stamps=True) == before
