"""The command line speaks ARTICULA_LANGUAGE: its own lines and the errors it reports."""

from collections.abc import Iterator

import pytest

from service.cli import main
from service.settings import get_settings


@pytest.fixture
def language(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """ARTICULA_LANGUAGE as each test sets it, read afresh; the suite's own afterwards."""
    get_settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.mark.parametrize(("code", "text"), [
    ("es", "articula: `db reset` borra todas las iniciativas, actores, programas y vínculos"),
    ("pt", "articula: `db reset` apaga todas as iniciativas, atores, programas e vínculos"),
    ("en", "articula: `db reset` deletes every initiative, actor, programme and link"),
])
def test_the_command_s_own_lines_speak_articula_language(
    language: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: str, text: str,
) -> None:
    language.setenv("ARTICULA_LANGUAGE", code)
    assert main(["db", "reset"]) == 2  # refused without --yes, before touching Neo4j
    assert capsys.readouterr().err.startswith(text)


def test_a_refusal_of_the_command_speaks_it_too(
    language: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    language.setenv("ARTICULA_LANGUAGE", "pt")
    language.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    assert main(["neo4j", "stop"]) == 2
    assert capsys.readouterr().err == (
        "NEO4J_URI está definida (bolt://127.0.0.1:1): o servidor local não é usado; remova "
        "NEO4J_URI para gerenciá-lo.\n")
