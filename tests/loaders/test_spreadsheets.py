"""Spreadsheets as analysts bring them: numbers by the dataset's locale, Spanish and
Portuguese column names, did-you-mean for labels and codes, one problem per cause."""

import csv
import re
from pathlib import Path
from typing import Any

import neo4j
import pytest

from loaders.column_names import NAMES
from loaders.known import DatabaseKnown
from loaders.load import SAMPLE, load
from loaders.numbers import Example, Mark, NumberReader, parse_locale
from loaders.problems import DatasetError, Problem
from loaders.readers import read_dataset
from loaders.validation import Dataset, validate
from tests.loaders.datasets import (
    Tables,
    small_network,
    write_csv_folder,
    write_json,
    write_xlsx,
)
from tests.loaders.graph_dump import count, dump
from tests.neo4j_backends import Backend, articula

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def database(neo4j_backend: Backend) -> str:
    return neo4j_backend.settings.neo4j_database


def sample() -> Tables:
    tables: Tables = {}
    for path in sorted(SAMPLE.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            tables[path.stem] = list(csv.DictReader(file))
    return tables


def row(tables: Tables, table: str, entity_id: str) -> dict[str, Any]:
    return next(r for r in tables[table] if r.get("id") == entity_id)


def refusal(driver: neo4j.Driver, database: str, path: Path, locale: str | None = None,
            ) -> DatasetError:
    """Load `path`, expect a refusal and that nothing was written."""
    before = dump(driver, stamps=True), count(driver)
    with pytest.raises(DatasetError) as refused:
        load(path, driver, database, progress=False, locale=locale)
    assert (dump(driver, stamps=True), count(driver)) == before
    return refused.value


def checked(driver: neo4j.Driver, database: str, tables: Tables, folder: Path,
            locale: str | None = None) -> Dataset:
    return validate(read_dataset(write_csv_folder(tables, folder)),
                    DatabaseKnown(driver, database), parse_locale(locale))


def refused_by(driver: neo4j.Driver, database: str, tables: Tables, folder: Path,
             ) -> list[Problem]:
    """The problems validation finds in `tables` (it must find some)."""
    with pytest.raises(DatasetError) as refused:
        checked(driver, database, tables, folder)
    return refused.value.problems


def where(problems: list[Problem]) -> list[tuple[str, int | None, str | None, str | None]]:
    return [(p.source, p.row, p.column, p.value) for p in problems]


def test_four_mistakes_are_four_problems_each_with_a_hint(
    reference_db: neo4j.Driver, neo4j_backend: Backend, database: str, tmp_path: Path,
) -> None:
    """A Colombian amount without the locale, a dropped required column, a Spanish size
    slightly wrong and a mistyped department: four problems, no cascade, each with a hint;
    stating the locale and fixing the other three loads the amount as written."""
    tables = sample()
    tables["supports"][0]["amount"] = "4.500.000.000,00"
    for institution in tables["institutions"]:
        del institution["level"]
    row(tables, "firms", "FIRM-CO-002")["size"] = "mediano"
    row(tables, "firms", "FIRM-CO-004")["territory_code"] = "CO-HUL"
    error = refusal(reference_db, database, write_csv_folder(tables, tmp_path / "mistakes"))
    assert error.message.splitlines()[0] == (
        "The dataset has 4 problems of 4 kinds; nothing was written:")
    assert where(error.problems) == [
        ("firms.csv", 3, "size", "mediano"),
        ("firms.csv", 5, "territory_code", "CO-HUL"),
        ("institutions.csv", 1, "level", None),
        ("supports.csv", 2, "amount", "4.500.000.000,00"),
    ]
    assert [p.hint for p in error.problems] == [
        "did you mean MEDIUM (mediana)?",
        "did you mean CO-HUI (Huila)?",
        "add a column level (or nivel or nível) to the header row",
        "state the dataset's locale: --locale es-CO reads it as 4500000000",
    ]
    assert error.problems[3].expected == (
        "written with ',' as the decimal mark, but other numbers of this file use '.' "
        "(e.g. '1.0', row 2, column confidence)")

    fixed = sample()
    fixed["supports"][0]["amount"] = "4.500.000.000,00"
    path = write_csv_folder(fixed, tmp_path / "fixed")
    try:
        result = articula(neo4j_backend, "load", "--locale", "es-CO", str(path))
        assert result.returncode == 0, result.stderr
        records, _, _ = reference_db.execute_query(
            "MATCH (:Program {id: 'PROG-CO-001'})-[s:SUPPORTS]->(:Initiative {id: 'INI-CO-001'})"
            " RETURN s.amount AS amount", database_=database)
        assert [r["amount"] for r in records] == [4_500_000_000.0]
    finally:  # `db reset` keeps the audit trail; tests after this one count what it leaves
        reference_db.execute_query("MATCH (a:AuditEntry {role: 'cli', operation: 'load'}) "
                                   "DETACH DELETE a", database_=database)


@pytest.mark.parametrize(("text", "locale", "shown", "value", "refused"), [
    ("4.500.000.000,00", "es-CO", {}, 4_500_000_000.0, None),
    ("4.500.000.000,00", None, {Mark.COMMA: "1.234,5"}, 4_500_000_000.0, None),
    ("85,000,000.00", "en", {}, 85_000_000.0, None),
    ("85,000,000.00", "es-MX", {}, 85_000_000.0, None),
    ("85,000,000.00", None, {}, 85_000_000.0, None),  # nothing in its file says otherwise
    ("85,000,000.00", "pt-BR", {}, None, "problem.number.not_locale"),
    ("1.234", "pt-BR", {}, 1234.0, None),
    ("1.234", "en", {}, 1.234, None),
    ("1.234", None, {Mark.COMMA: "2.500.000"}, 1234.0, None),
    ("1.234", None, {Mark.POINT: "0.95"}, 1.234, None),
    ("1.234", None, {}, None, "problem.number.ambiguous"),
    ("1,234", None, {}, None, "problem.number.ambiguous"),
    ("0.95", "es-CO", {}, 0.95, None),  # one reading, whatever the locale
    ("1500,5", "en", {}, 1500.5, None),
    ("4 500 000", None, {}, 4_500_000.0, None),
    ("1.5e6", None, {}, 1_500_000.0, None),
    ("0.123", None, {}, 0.123, None),  # a thousands group never starts with 0
    ("4.500.000,00", None, {Mark.POINT: "0.95", Mark.COMMA: "1,5"}, None,
     "problem.number.mixed"),
    ("1.2.3", "es-CO", {}, None, None),
    ("mil", None, {}, None, None),
])
def test_a_number_is_read_by_the_locale_stated_or_shown_by_its_file(
    text: str, locale: str | None, shown: dict[Mark, str], value: float | None,
    refused: str | None,
) -> None:
    examples = {mark: Example(example, "amount", 2, "row") for mark, example in shown.items()}
    found, refusal = NumberReader(parse_locale(locale), examples).read(text)
    assert found == value
    assert (refusal.expected.key if refusal else None) == refused
    if refusal is not None:
        assert refusal.hint is not None


def test_an_ambiguous_number_is_settled_by_its_file_or_refused_with_a_hint(
    reference_db: neo4j.Driver, database: str, tmp_path: Path,
) -> None:
    tables = small_network()
    tables["programs"][0]["budget"] = "1.500"
    problems = refused_by(reference_db, database, tables, tmp_path / "alone")
    assert where(problems) == [("programs.csv", 2, "budget", "1.500")]
    assert problems[0].expected == (
        "reads as 1500 where ',' is the decimal mark (es-CO, pt-BR) and as 1.5 where '.' is "
        "(en, es-MX)")
    assert problems[0].hint == "state the dataset's locale, e.g. --locale es-CO or --locale en"
    assert checked(reference_db, database, tables, tmp_path / "en",
                   "en").rows("programs")[0]["budget"] == 1.5
    tables["programs"].append({**tables["programs"][0], "id": "P-2", "budget": "2.500.000"})
    budgets = [r["budget"] for r in checked(reference_db, database, tables,
                                            tmp_path / "shown").rows("programs")]
    assert budgets == [1500.0, 2_500_000.0]


@pytest.mark.parametrize("form", ["json", "xlsx"])
def test_a_number_stored_as_a_number_is_never_ambiguous(
    reference_db: neo4j.Driver, database: str, tmp_path: Path, form: str,
) -> None:
    tables = small_network()
    tables["supplies"][0]["weight"] = 1.125  # "1.125" as text would be ambiguous
    write = write_json if form == "json" else write_xlsx
    dataset = validate(read_dataset(write(tables, tmp_path / f"d.{form}")),
                       DatabaseKnown(reference_db, database))
    assert dataset.rows("supplies")[0]["weight"] == 1.125


def test_an_unknown_locale_is_refused_before_anything_is_read(
    reference_db: neo4j.Driver, database: str, tmp_path: Path,
) -> None:
    error = refusal(reference_db, database, write_csv_folder(small_network(), tmp_path),
                    locale="xx-QQ")
    assert [str(p) for p in error.problems] == [
        "locale: 'xx-QQ': unknown locale; expected a language and a country such as es-CO, "
        "pt-BR or en"]


def test_spanish_and_portuguese_column_names_load(
    reference_db: neo4j.Driver, database: str, tmp_path: Path,
) -> None:
    spanish = {"id": "Código", "name": "Razón Social", "size": "Tamaño",
               "territory_code": "territorio", "sector_codes": "CIIU", "employees": "Empleados",
               "founded_year": "Año de fundación", "tax_id": "NIT"}
    portuguese = {"id": "identificador", "name": "Nome", "kind": "tipo", "level": "Nível",
                  "territory_code": "Território"}
    tables = small_network()
    tables["firms"] = [{spanish[k]: v for k, v in r.items()} for r in tables["firms"]]
    tables["institutions"] = [{portuguese[k]: v for k, v in r.items()}
                              for r in tables["institutions"]]
    load(write_csv_folder(tables, tmp_path), reference_db, database, progress=False)
    records, _, _ = reference_db.execute_query(
        "MATCH (n:Actor) WHERE n.id IN ['F-1', 'U-1'] "
        "RETURN n.id AS id, n.name AS name, n.taxId AS tax, n.size AS size, "
        "n.employees AS employees, n.level AS level ORDER BY id", database_=database)
    assert [dict(r) for r in records] == [
        {"id": "F-1", "name": "Empresas Públicas de Ejemplo", "tax": "890904996",
         "size": "LARGE", "employees": 8000, "level": None},
        {"id": "U-1", "name": "Universidad de Antioquia", "tax": None, "size": None,
         "employees": None, "level": "SUBNATIONAL"},
    ]


def test_an_unknown_column_is_one_problem_naming_the_closest(
    reference_db: neo4j.Driver, database: str, tmp_path: Path,
) -> None:
    tables = small_network()
    tables["firms"] = [{("teritory_code" if k == "territory_code" else k): v
                        for k, v in r.items()} for r in tables["firms"]]
    tables["firms"][0]["colour"] = "red"
    for firm in tables["firms"][1:]:
        firm["colour"] = ""
    problems = refused_by(reference_db, database, tables, tmp_path)
    assert where(problems) == [("firms.csv", 1, "teritory_code", None),
                               ("firms.csv", 1, "colour", None)]
    assert [p.hint for p in problems] == ["did you mean territory_code?", None]


def test_two_headers_naming_one_column_are_a_problem(
    reference_db: neo4j.Driver, database: str, tmp_path: Path,
) -> None:
    tables = small_network()
    for firm in tables["firms"]:
        firm["Razón social"] = firm["name"].upper()
    problems = refused_by(reference_db, database, tables, tmp_path)
    assert [str(p) for p in problems] == [
        "firms.csv, row 1, column Razón social: names the same column as name; keep one of "
        "them"]


def test_a_table_without_its_ids_is_one_problem_not_one_per_reference(
    reference_db: neo4j.Driver, database: str, tmp_path: Path,
) -> None:
    tables = small_network()
    for institution in tables["institutions"]:
        del institution["id"]
    tables["institutions"][0]["kind"] = "gobierno nacionall"
    problems = refused_by(reference_db, database, tables, tmp_path)
    # governance, participations, programs and agreements name G-1, U-1 and M-1: not reported
    assert where(problems) == [("institutions.csv", 1, "id", None),
                               ("institutions.csv", 2, "kind", "gobierno nacionall")]


@pytest.mark.parametrize(("table", "column", "value", "hint"), [
    ("firms", "territory_code", "CO-HUL", "did you mean CO-HUI (Huila)?"),
    ("firms", "territory_code", "CO-ANT-05002", "did you mean CO-ANT-05001 (Medellín)?"),
    ("firms", "sector_codes", "10711", "did you mean 1071 (Manufacture of bakery products)?"),
    ("firms", "size", "grand", "did you mean LARGE (grande)?"),
    ("institutions", "level", "nacionall", "did you mean NATIONAL (nacional)?"),
    ("firms", "territory_code", "XX-YY", None),
    ("firms", "size", "enorme", None),
])
def test_a_near_miss_gets_the_value_meant(
    reference_db: neo4j.Driver, database: str, tmp_path: Path,
    table: str, column: str, value: str, hint: str | None,
) -> None:
    tables = small_network()
    tables[table][0][column] = value
    problems = refused_by(reference_db, database, tables, tmp_path)
    assert [(p.column, p.value, p.hint) for p in problems] == [(column, value, hint)]


def test_the_readme_lists_every_column_name() -> None:
    text = README.read_text(encoding="utf-8")
    table = text.split("| column | Spanish names | Portuguese names |\n| --- | --- | --- |\n")[1]
    rows = {}
    for line in table.split("\n\n")[0].splitlines():
        found = re.fullmatch(r"\| `(\w+)` \| ([^|`]*) \| ([^|`]*) \|", line)
        assert found, line
        rows[found[1]] = (tuple(found[2].split(", ")), tuple(found[3].split(", ")))
    assert rows == NAMES
