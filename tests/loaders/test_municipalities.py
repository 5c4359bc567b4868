"""Municipalities of the reference data (`CO:41551`): what `db init` writes, what a load
writes and links to, and what validation says of a code it does not know."""

from pathlib import Path

import neo4j
import pytest

from loaders.load import load
from loaders.problems import DatasetError
from tests.loaders.datasets import Tables, write_csv_folder
from tests.neo4j_backends import Backend

# Published counts: DANE's DIVIPOLA of 2015-03-31 (municipalities, districts and
# non-municipalised areas), INEGI's Marco Geoestadístico of May 2015, IBGE's 5,571.
PUBLISHED = {"CO": 1122, "MX": 2457, "BR": 5571}


@pytest.fixture
def database(neo4j_backend: Backend) -> str:
    return neo4j_backend.settings.neo4j_database


def rows(driver: neo4j.Driver, query: str, **parameters: object) -> list[dict[str, object]]:
    records, _, _ = driver.execute_query(query, parameters)
    return [record.data() for record in records]


def firms_in(codes: list[str]) -> Tables:
    return {
        "firms": [{"id": f"F-{n}", "name": f"Firma {n}", "territory_code": code}
                  for n, code in enumerate(codes, 1)],
    }


def test_init_writes_the_municipalities_of_each_country_under_its_subdivisions(
        reference_db: neo4j.Driver) -> None:
    found = rows(reference_db, """
        MATCH (m:Territory {level: 'MUNICIPALITY'})-[:PART_OF]->(r:Territory {level: 'REGION'})
              -[:PART_OF]->(c:Territory {level: 'COUNTRY'})
        WHERE m.reference AND m.country = c.code AND m.code STARTS WITH c.code + ':'
        RETURN c.code AS country, count(m) AS municipalities""")
    assert {r["country"]: r["municipalities"] for r in found} == PUBLISHED
    orphans = rows(reference_db, """
        MATCH (m:Territory {level: 'MUNICIPALITY'}) WHERE m.reference
          AND COUNT { (m)-[:PART_OF]->() } <> 1 RETURN m.code AS code""")
    assert orphans == []
    known = rows(reference_db, """
        UNWIND ['CO:41551', 'MX:19039', 'BR:3550308', 'CO:11001'] AS code
        MATCH (m:Territory {code: code})-[:PART_OF]->(r:Territory)
        RETURN m.code AS code, m.name AS name, r.code AS parent""")
    assert known == [
        {"code": "CO:41551", "name": "Pitalito", "parent": "CO-HUI"},
        {"code": "MX:19039", "name": "Monterrey", "parent": "MX-NLE"},
        {"code": "BR:3550308", "name": "São Paulo", "parent": "BR-SP"},
        {"code": "CO:11001", "name": "Bogotá, D.C.", "parent": "CO-DC"},
    ]


def test_a_load_writes_only_the_municipalities_it_names_and_links_its_firms(
        db: neo4j.Driver, database: str, tmp_path: Path) -> None:
    tables = firms_in(["CO:41551", "MX:19039", "BR:3550308", "CO-HUI", "PE:150101"])
    tables["territories"] = [{"code": "pe:150101", "name": "Lima", "level": "MUNICIPALITY",
                              "parent_code": "PE-LMA"}]  # what no reference source has
    load(write_csv_folder(tables, tmp_path / "ds"), db, database, progress=False)
    located = rows(db, """
        MATCH (f:Firm)-[:LOCATED_IN]->(t)-[:PART_OF*0..]->(c:Territory {level: 'COUNTRY'})
        RETURN f.id AS firm, t.code AS territory, c.code AS country ORDER BY firm""")
    assert located == [
        {"firm": "F-1", "territory": "CO:41551", "country": "CO"},
        {"firm": "F-2", "territory": "MX:19039", "country": "MX"},
        {"firm": "F-3", "territory": "BR:3550308", "country": "BR"},
        {"firm": "F-4", "territory": "CO-HUI", "country": "CO"},
        {"firm": "F-5", "territory": "PE:150101", "country": "PE"},
    ]
    written = rows(db, "MATCH (m:Territory {level: 'MUNICIPALITY'}) WHERE m.reference "
                       "RETURN m.code AS code ORDER BY code")
    assert [r["code"] for r in written] == ["BR:3550308", "CO:41551", "MX:19039"]


def problems_of(driver: neo4j.Driver, database: str, folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as refused:
        load(folder, driver, database, progress=False)
    return [str(problem) for problem in refused.value.problems]


def test_an_unknown_municipality_is_one_problem_with_the_nearest_codes(
        db: neo4j.Driver, database: str, tmp_path: Path) -> None:
    folder = write_csv_folder(firms_in(["CO:41552", "CO:41552", "PE:150101"]), tmp_path)
    problems = problems_of(db, database, folder)
    assert len(problems) == 3  # one per cell, the same refusal for the same code
    assert problems[1] == problems[0].replace("row 2", "row 3")
    assert problems[0].startswith(
        "firms.csv, row 2, column territory_code: 'CO:41552': unknown municipality code: "
        "expected a country's alpha-2 code, a colon and the national code of one of its "
        "municipalities (e.g. CO:41551 DIVIPOLA")
    assert problems[0].endswith("did you mean CO:41551 (Pitalito)?")
    assert "'PE:150101': unknown municipality code" in problems[2]
    assert "did you mean" not in problems[2]
    assert rows(db, "MATCH (n) WHERE n:Firm OR n.level = 'MUNICIPALITY' RETURN n") == []


def test_a_territories_row_may_restate_a_reference_municipality_but_not_move_it(
        db: neo4j.Driver, database: str, tmp_path: Path) -> None:
    moved = firms_in(["CO:41551"])
    moved["territories"] = [{"code": "CO:41551", "name": "Pitalito", "level": "MUNICIPALITY",
                             "parent_code": "CO-ANT"}]
    problems = problems_of(db, database, write_csv_folder(moved, tmp_path / "moved"))
    assert problems == [
        "territories.csv, row 2, column parent_code: 'CO-ANT': CO:41551 is a municipality of "
        "the reference data (Pitalito), of level MUNICIPALITY and part of CO-HUI: a "
        "territories row may restate it, not change its level or parent"]

    restated: Tables = {"territories": [{"code": "CO:41551", "name": "Pitalito (Huila)",
                                         "level": "MUNICIPALITY", "parent_code": "CO-HUI"}]}
    load(write_csv_folder(restated, tmp_path / "restated"), db, database, progress=False)
    found = rows(db, "MATCH (m:Territory {code: 'CO:41551'})-[:PART_OF]->(p) "
                     "RETURN m.name AS name, m.reference AS reference, p.code AS parent")
    assert found == [{"name": "Pitalito (Huila)", "reference": True, "parent": "CO-HUI"}]
