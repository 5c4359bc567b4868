"""Settings come from the environment, with the documented defaults."""

import pytest

from service.settings import Settings


def test_defaults_use_the_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_DATABASE", "ARTICULA_BOLT_PORT",
                 "ARTICULA_HOST", "ARTICULA_PORT", "HOST", "PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", "/elsewhere")  # must not leak into `home`
    monkeypatch.setenv("PORT", "1234")  # nor a generic PORT into `port`
    settings = Settings(_env_file=None)
    assert settings.uses_local_server
    assert settings.bolt_uri == "bolt://127.0.0.1:7687"
    assert (settings.neo4j_user, settings.neo4j_database) == ("neo4j", "neo4j")
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.home.name == ".articula"
    assert str(settings.home) != "/elsewhere"


def test_the_environment_overrides_every_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_USER", "analyst")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    monkeypatch.setenv("NEO4J_DATABASE", "articula")
    monkeypatch.setenv("ARTICULA_HOST", "0.0.0.0")
    monkeypatch.setenv("ARTICULA_PORT", "9000")
    settings = Settings(_env_file=None)
    assert not settings.uses_local_server
    assert settings.bolt_uri == "neo4j+s://example.databases.neo4j.io"
    assert settings.neo4j_user == "analyst"
    assert settings.neo4j_password.get_secret_value() == "s3cret-pass"
    assert "s3cret-pass" not in repr(settings)
    assert settings.neo4j_database == "articula"
    assert (settings.host, settings.port) == ("0.0.0.0", 9000)


def test_a_port_out_of_range_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICULA_PORT", "70000")
    with pytest.raises(ValueError, match="ARTICULA_PORT"):
        Settings(_env_file=None)
