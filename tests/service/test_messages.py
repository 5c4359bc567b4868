"""The message catalogues: every key the code uses is in every language, with the same
placeholders; a request's language is read from Accept-Language as RFC 9110 says."""

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from service.language import LANGUAGES, negotiate, speaking
from service.messages import FIXED, TERMS, catalogue, catalogue_path, msg, render, say

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"(?:analysis|cli|error|gap|match|problem|share|term)(?:\.[a-z0-9_]+)+")


def keys_in_code() -> set[str]:
    """Every string constant of service/ and loaders/ written like a catalogue key."""
    found = set()
    for folder in ("service", "loaders"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                        and KEY.fullmatch(node.value):
                    found.add(node.value)
    return found


def term_keys() -> set[str]:
    return {f"term.{group}.{value}" for group, values in TERMS.items() for value in values}


def forms(catalog: Catalog, key: str) -> tuple[str, ...]:
    text = catalog[key].string
    return text if isinstance(text, tuple) else (text,)


def placeholders(text: str) -> list[tuple[str, str, str | None]]:
    """(name, format spec, conversion) of each placeholder, sorted."""
    return sorted((name, spec or "", conversion)
                  for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None)


def shape(text: str) -> list[tuple[str, str | None, bool]]:
    """What must agree between languages: each placeholder's name, conversion and whether
    a term words it (which term, "or" and decimals may follow the language's grammar)."""
    return [(name, conversion, any(o in TERMS for o in spec.split(",")))
            for name, spec, conversion in placeholders(text)]


def test_the_code_uses_keys_the_scan_can_see() -> None:
    """A sanity check of the scan itself: it finds keys made in lists and tables too."""
    assert {"gap.ungoverned", "error.scope.unknown_sector", "error.network.pairs_actors",
            "error.filter.unknown_countries", "cli.serving"} <= keys_in_code()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_holds_exactly_the_keys_the_code_uses(language: str) -> None:
    keys = {str(m.id[0] if isinstance(m.id, tuple) else m.id)
            for m in catalogue(language) if m.id}
    used = keys_in_code() | term_keys()
    assert not used - keys, f"{catalogue_path(language)} lacks {sorted(used - keys)}"
    assert not keys - used, f"{catalogue_path(language)} holds unused {sorted(keys - used)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_of_every_catalogue_is_translated(language: str) -> None:
    catalog = catalogue(language)
    empty = [m.id for m in catalog if m.id and not all(forms(catalog, str(
        m.id[0] if isinstance(m.id, tuple) else m.id)))]
    assert not empty
    assert catalog.num_plurals == 2 and catalog.plural_expr == "(n != 1)"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_text_has_the_placeholders_and_plural_forms_of_the_english(
    language: str,
) -> None:
    english, other = catalogue("en"), catalogue(language)
    for key in keys_in_code() | term_keys():
        assert len(forms(other, key)) == len(forms(english, key)), key
        for theirs, ours in zip(forms(english, key), forms(other, key), strict=True):
            assert shape(ours) == shape(theirs), (key, ours)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_format_spec_is_one_the_formatter_knows(language: str) -> None:
    known = set(TERMS) | {"or", "n"}
    for key in keys_in_code() | term_keys():
        for text in forms(catalogue(language), key):
            for _, spec, _ in placeholders(text):
                for option in filter(None, spec.split(",")):
                    assert option in known or FIXED.fullmatch(option), (key, option)


def test_texts_follow_their_language_in_plurals_lists_terms_and_decimals() -> None:
    one, six = (msg("gap.ungoverned", name="Red X", count=n) for n in (1, 6))
    assert render(one, "es") == ("La iniciativa Red X no tiene institución de gobernanza: su "
                                 "único participante no responde por ella en un órgano de "
                                 "gobernanza.")
    assert render(six, "pt") == ("A iniciativa Red X não tem instituição de governança: nenhum "
                                 "dos seus 6 participantes responde por ela em um órgão de "
                                 "governança.")
    vertical = msg("gap.vertical.missing", name="Clúster", levels=["NATIONAL"],
                   missing=["LOCAL", "SUBNATIONAL"], countries=["CO"], count=2)
    assert render(vertical, "es") == (
        "La iniciativa Clúster tiene gobierno nacional en su órgano de gobernanza, pero ningún "
        "gobierno local o subnacional, aunque esos niveles gobiernan otras iniciativas en CO.")
    spot = msg("gap.white_spot", region="Huila", count=6, division="10",
               divisionName="Food", quotient=4.04, country="CO")
    assert "4,0 vezes a participação de CO" in render(spot, "pt")
    assert "4.0 times the share of CO" in render(spot, "en")
    limit = msg("error.network.too_many_edges", projection="FULL", limit=50_000,
                where=msg("error.network.whole_graph"), narrow=msg("error.network.narrow"))
    assert render(limit, "es").startswith(
        "La proyección FULL tiene más de 50.000 aristas en este alcance (todo el grafo)")


def test_say_speaks_the_language_of_the_block() -> None:
    with speaking("pt"):
        assert say("cli.neo4j_stopped") == "Neo4j parado."
        with speaking("es"):
            assert say("cli.neo4j_stopped") == "Neo4j detenido."
        assert say("cli.neo4j_stopped") == "Neo4j parado."


@pytest.mark.parametrize(("header", "chosen"), [
    ("pt-BR", "pt"),
    ("pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "pt"),
    ("fr-CH, fr;q=0.9, en;q=0.8, pt;q=0.7", "en"),  # the best it speaks, not the first
    ("en;q=0.5, es-419;q=0.9", "es"),
    ("es;q=0.5, en;q=0.5", "es"),  # equal quality: the first listed
    ("en;q=0, pt;q=0.1", "pt"),  # q=0 means "not this one"
    ("de, fr", "fallback"),
    ("*", "fallback"),
    ("", "fallback"),
    ("en;q=abc, pt", "pt"),  # a malformed quality refuses its language only
])
def test_accept_language_picks_the_best_language_spoken(header: str, chosen: str) -> None:
    assert negotiate(header, "fallback") == chosen


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_key_is_written_twice_in_a_catalogue(language: str) -> None:
    """Babel keeps one of two entries with the same key, silently."""
    ids = re.findall(r'^msgid "(.+)"$', catalogue_path(language).read_text(encoding="utf-8"),
                     flags=re.MULTILINE)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
