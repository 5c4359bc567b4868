"""A refused dataset is described in the language being spoken: the framing, where each
problem is and what was expected."""

from pathlib import Path

import neo4j
import pytest

from loaders.load import load
from loaders.problems import SHOWN, DatasetError
from service.language import speaking
from tests.loaders.datasets import small_network, write_csv_folder
from tests.neo4j_backends import Backend


def refusal(driver: neo4j.Driver, backend: Backend, path: Path, language: str) -> str:
    with speaking(language), pytest.raises(DatasetError) as refused:
        load(path, driver, backend.settings.neo4j_database, progress=False)
    return refused.value.message


def test_problems_speak_spanish_and_portuguese(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path,
) -> None:
    tables = small_network()
    tables["firms"][0]["founded_year"] = "mil novecientos"
    tables["participations"][0]["confidence"] = "1.5"
    path = write_csv_folder(tables, tmp_path)
    spanish = refusal(reference_db, neo4j_backend, path, "es")
    assert spanish.startswith(
        "El conjunto de datos tiene 2 problemas de 2 tipos; no se escribió nada:\n")
    assert ("firms.csv, fila 2, columna founded_year: 'mil novecientos': se esperaba un año "
            "entre 1800 y 2100") in spanish
    assert ("participations.csv, fila 2, columna confidence: '1.5': se esperaba un número "
            "de 0 a 1") in spanish
    portuguese = refusal(reference_db, neo4j_backend, path, "pt")
    assert portuguese.startswith("O conjunto de dados tem 2 problemas de 2 tipos; nada foi "
                                 "gravado:\n")
    assert ("firms.csv, linha 2, coluna founded_year: 'mil novecientos': esperava-se um ano "
            "entre 1800 e 2100") in portuguese


def test_one_problem_is_singular_and_many_are_cut_with_a_count(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path,
) -> None:
    tables = small_network()
    tables["programs"][0]["currency"] = "PESOS"
    one = refusal(reference_db, neo4j_backend, write_csv_folder(tables, tmp_path / "one"), "pt")
    assert one.startswith("O conjunto de dados tem 1 problema; nada foi gravado:\n")
    assert "esperava-se um código de moeda ISO 4217" in one
    tables = small_network()
    firms = tables["firms"]
    firms += [{**firms[2], "id": f"F-X{n}", "founded_year": "x"} for n in range(SHOWN + 3)]
    many = refusal(reference_db, neo4j_backend, write_csv_folder(tables, tmp_path / "many"),
                   "es")
    assert many.startswith(f"El conjunto de datos tiene {SHOWN + 3} problemas")
    assert many.splitlines()[-1] == "... y 3 problemas más"
