"""An initiative's public contact: an e-mail address or the web address of a contact form,
checked when it enters (a dataset, a mutation) and given back by the API as written."""

from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import load
from loaders.problems import DatasetError
from service.app import create_app
from tests.loaders.datasets import write_csv_folder
from tests.neo4j_backends import Backend

INITIATIVE = {"id": "INI-CONTACT-1", "name": "Red del Contacto", "type": "BUSINESS_NETWORK",
              "territory_codes": "CL"}


def tables(contact: str, other: str = "https://example.org/contacto"
           ) -> dict[str, list[dict[str, str]]]:
    return {"initiatives": [{**INITIATIVE, "contact": contact},
                            {**INITIATIVE, "id": "INI-CONTACT-2", "contact": other}]}


def test_an_address_or_a_contact_form_is_kept_and_read_back(
        reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path) -> None:
    database = neo4j_backend.settings.neo4j_database
    load(write_csv_folder(tables("red.contacto@example.cl"), tmp_path / "ds"), reference_db,
         database, progress=False)
    with TestClient(create_app(neo4j_backend.settings)) as client:
        answer = client.post("/graphql", json={"query": """{
            a: initiative(id: "INI-CONTACT-1") { contact }
            b: initiative(id: "INI-CONTACT-2") { contact } }"""}).json()
    assert answer["data"] == {"a": {"contact": "red.contacto@example.cl"},
                              "b": {"contact": "https://example.org/contacto"}}


@pytest.mark.parametrize("contact", ["not an address", "javascript:alert(1)", "a@b",
                                     "@example.org", "x@@example.org", "mailto:x@example.org"])
def test_anything_else_is_one_problem_naming_the_cell(
        contact: str, reference_db: neo4j.Driver, neo4j_backend: Backend,
        tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as refused:
        load(write_csv_folder(tables(contact), tmp_path / "ds"), reference_db,
             neo4j_backend.settings.neo4j_database, progress=False, dry_run=True)
    problems = refused.value.problems
    assert [(p.source, p.row, p.column) for p in problems] == [("initiatives.csv", 2, "contact")]
    assert "e-mail address" in str(problems[0].expected)
