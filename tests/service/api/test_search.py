"""Search as people type: prefixes of words, case and accents ignored, best matches first; on
a coffee dataset of its own and on the sample."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from loaders.load import load
from service.api.name_search import lucene_query, relevance, words
from service.app import create_app
from tests.conftest import fresh_reference
from tests.loaders.datasets import write_json
from tests.neo4j_backends import Backend

FIRMS = {  # id: name; the expected orders below are worked out by hand from the rule
    "F-TOS": "Tostadores de Origen Garzón",
    "F-CAFE": "Café",
    "F-CAFEHUI": "Café del Huila",
    "F-COOP": "Cooperativa de Cafeteros del Huila",
    "F-CAFETEROS": "Cafeteros Unidos",
    "F-CAFI": "Caficultores de Pitalito",
    "F-TRI": "Trilladora San Agustín",
}


def coffee() -> dict[str, list[dict[str, Any]]]:
    return {
        "firms": [{"id": key, "name": name, "size": "SMALL", "territory_code": "CO-HUI"}
                  for key, name in FIRMS.items()],
        "institutions": [{"id": "I-GOB", "name": "Gobernación del Huila", "kind": "GOVERNMENT",
                          "level": "SUBNATIONAL", "territory_code": "CO-HUI"}],
        "initiatives": [
            {"id": "INI-CAFE", "name": "Cadena de valor del café especial del Huila",
             "type": "VALUE_CHAIN", "territory_codes": "CO-HUI"},
            {"id": "INI-TUR", "name": "Red de turismo cafetero", "type": "BUSINESS_NETWORK",
             "territory_codes": "CO-HUI"},
        ],
    }


@pytest.fixture(scope="module")
def coffee_client(driver: neo4j.Driver, neo4j_backend: Backend,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database = neo4j_backend.settings.neo4j_database
    fresh_reference(driver, database)
    path = write_json(coffee(), tmp_path_factory.mktemp("coffee") / "coffee.json")
    load(Path(path), driver, database, progress=False)
    with TestClient(create_app(neo4j_backend.settings)) as client:
        yield client


def found(client: TestClient, field: str, text: str, order: str = "",
          key: str = "id") -> list[str]:
    query = (f"query($s: String) {{ {field}(first: 100, filter: {{search: $s}} {order}) "
             f"{{ totalCount edges {{ node {{ {key} }} }} }} }}")
    answer = client.post("/graphql", json={"query": query, "variables": {"s": text}}).json()
    assert "errors" not in answer, answer
    connection = answer["data"][field]
    keys = [edge["node"][key] for edge in connection["edges"]]
    assert connection["totalCount"] == len(keys)
    return keys


def test_a_word_s_beginning_finds_the_name(coffee_client: TestClient) -> None:
    assert found(coffee_client, "firms", "tostador") == ["F-TOS"]
    assert found(coffee_client, "firms", "TOSTADOR garzon") == ["F-TOS"]
    assert found(coffee_client, "firms", "tostador huila") == []
    assert found(coffee_client, "firms", "origen gar") == ["F-TOS"]


def test_cafe_finds_cafe_first_then_the_longer_words(coffee_client: TestClient) -> None:
    # whole word "café" first (shorter names first), then "cafeteros" at the first word,
    # then at a later word; "Caficultores" does not begin with "cafe"
    expected = ["F-CAFE", "F-CAFEHUI", "F-CAFETEROS", "F-COOP"]
    for text in ("cafe", "Café", "CAFE", "café"):
        assert found(coffee_client, "firms", text) == expected
    assert found(coffee_client, "firms", "cafe huila") == ["F-CAFEHUI", "F-COOP"]
    # no whole word at all: by position, then length, then name
    assert found(coffee_client, "firms", "caf") == [
        "F-CAFE", "F-CAFETEROS", "F-CAFEHUI", "F-CAFI", "F-COOP"]


def test_an_order_asked_for_wins_over_relevance(coffee_client: TestClient) -> None:
    matches = ["F-CAFE", "F-CAFEHUI", "F-CAFETEROS", "F-COOP"]
    by_name = found(coffee_client, "firms", "cafe", "orderBy: {field: NAME}")
    assert by_name == sorted(matches, key=FIRMS.__getitem__)  # "Cafeteros" < "Café"
    assert by_name != matches
    by_id = found(coffee_client, "firms", "cafe", "orderBy: {field: ID, direction: DESC}")
    assert by_id == ["F-COOP", "F-CAFETEROS", "F-CAFEHUI", "F-CAFE"]
    worst_first = found(coffee_client, "firms", "cafe",
                        "orderBy: {field: RELEVANCE, direction: DESC}")
    assert worst_first == ["F-COOP", "F-CAFETEROS", "F-CAFEHUI", "F-CAFE"]
    everything = found(coffee_client, "firms", " ", "orderBy: {field: RELEVANCE}")
    assert everything == sorted(FIRMS, key=FIRMS.__getitem__)  # no search: by name


def test_every_list_searches_as_people_type(coffee_client: TestClient) -> None:
    assert found(coffee_client, "initiatives", "cafe") == ["INI-CAFE", "INI-TUR"]
    assert found(coffee_client, "actors", "gob hui") == ["I-GOB"]
    assert found(coffee_client, "institutions", "gobernacion") == ["I-GOB"]
    # reference data: "Huila" is a department, and sectors have English and Spanish names
    # and the reference municipalities a word of whose name begins so, after it
    assert found(coffee_client, "territories", "huil", key="code") == [
        "CO-HUI", "MX:30074", "MX:20308"]  # Huila, Huiloapan de Cuauhtémoc, San Pedro Huilotepec
    coffee_sectors = found(coffee_client, "sectors", "growing of bev", key="code")
    assert coffee_sectors == ["0127"]
    # the Spanish title is ISIC's and that of Colombia's CIIU Rev.4 A.C. class of the code
    assert found(coffee_client, "sectors", "cultivo plantas bebidas", key="code") == [
        "0127", "CIIU-CO:0127"]


def test_lucene_syntax_is_text_and_no_word_restricts_nothing() -> None:
    # "a" and "or" are stop words the index leaves out of names: optional, not required
    assert lucene_query('a+b (c) "d" e:f OR') == "a* +b* +c* +d* +e* +f* or*"
    assert lucene_query("O'Higgins S.A.S.") == "+o'higgins* +s.a.s*"
    assert lucene_query("Garzón-Huila") == "+garzon* +huila*"
    assert lucene_query("   ") is None and lucene_query("&& || -") is None


def test_stop_words_the_index_drops_still_find_names(coffee_client: TestClient) -> None:
    # the index holds no "of" nor "a" for these names: the rule still wants them typed
    assert found(coffee_client, "sectors", "growing of beverage", key="code") == ["0127"]
    assert found(coffee_client, "sectors", "the growing of beverage", key="code") == []
    assert found(coffee_client, "firms", "a") == ["F-TRI"]  # "San Agustín"


def test_the_rule_ranks_whole_words_then_position_then_length() -> None:
    typed = words("cafe")
    assert relevance(typed, "Café") == (0, 0, 1, "cafe")
    assert relevance(typed, "Cafeteros Unidos") == (1, 0, 2, "cafeteros unidos")
    assert relevance(typed, "Caficultores") is None
    assert relevance(words("unidos caf"), "Cafeteros Unidos") == (1, 0, 2, "cafeteros unidos")


def test_the_sample_finds_what_people_type(sample_client: TestClient) -> None:
    assert found(sample_client, "firms", "tostador") == ["FIRM-CO-017"]
    # no actor is called "café" outright: "cafetero", "cafés" at the second word before the
    # third, shorter names first
    assert found(sample_client, "actors", "cafe") == [
        "FIRM-CO-019", "FIRM-CO-014", "FIRM-CO-018", "INST-CO-COMCAFE"]
    assert found(sample_client, "programs", "cafe") == ["PROG-CO-002"]
    assert found(sample_client, "initiatives", "medell") == ["INI-CO-001"]
