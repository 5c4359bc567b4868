"""Texts in the reader's language, on the sample: Accept-Language (quality values honoured),
the `language` argument (which wins), else ARTICULA_LANGUAGE (Spanish by default). Codes
and message keys stay the same in every language."""

from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.neo4j_backends import Backend
from tests.service.api.sample_network import sample_client

GAPS = """query($language: Language) {
  coordinationGaps(kinds: [UNGOVERNED], scope: {countries: ["CO"]}, language: $language) {
    explanation messageKey messageParameters nodes { id }
  }
}"""
MATCHES = """query($id: ID!, $language: Language) {
  matchmaking(id: $id, k: 1, language: $language) {
    matches { suggestion { id } reasons reasonMessages { key parameters } }
  }
}"""
JARDIN = "Red de Turismo Rural Comunitario de Jardín"
UNGOVERNED = {
    "es": f"La iniciativa {JARDIN} no tiene institución de gobernanza: ninguno de sus 6 "
          "participantes responde por ella en un órgano de gobernanza.",
    "en": f"{JARDIN} has no governing institution: none of its 6 participants answers for it "
          "on a governance body.",
    "pt": f"A iniciativa {JARDIN} não tem instituição de governança: nenhum dos seus 6 "
          "participantes responde por ela em um órgão de governança.",
}
UNKNOWN_ID = {
    "es": "Ninguna iniciativa, programa ni actor tiene el id 'INI-XX-404'.",
    "en": "No initiative, programme or actor has id 'INI-XX-404'.",
    "pt": "Nenhuma iniciativa, programa ou ator tem o id 'INI-XX-404'.",
}


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    """The app over the sample with ARTICULA_LANGUAGE at its default, Spanish."""
    yield from sample_client(driver, neo4j_backend,
                             language=Settings.model_fields["language"].default)


def post(client: TestClient, query: str, header: str | None = None,
         **variables: Any) -> dict[str, Any]:
    headers = {"Accept-Language": header} if header is not None else {}
    response = client.post("/graphql", json={"query": query, "variables": variables},
                           headers=headers)
    assert response.status_code == 200, response.text
    assert "Accept-Language" in response.headers["vary"]  # a cache keeps one per language
    body: dict[str, Any] = response.json()
    return body


def jardin(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    [finding] = [f for f in body["data"]["coordinationGaps"]
                 if f["nodes"][0]["id"] == "INI-CO-004"]
    return finding


@pytest.mark.parametrize(("header", "language"), [
    ("es", "es"), ("en-GB", "en"), ("pt-BR", "pt"),
    ("de;q=1, pt;q=0.4, en;q=0.6", "en"),
])
def test_gap_explanations_speak_the_accept_language_with_one_key(
    client: TestClient, header: str, language: str,
) -> None:
    finding = jardin(post(client, GAPS, header))
    assert finding["explanation"] == UNGOVERNED[language]
    assert finding["messageKey"] == "gap.ungoverned"
    assert finding["messageParameters"] == {"name": JARDIN, "count": 6}


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_errors_speak_the_accept_language_and_keep_their_code(
    client: TestClient, language: str,
) -> None:
    body = post(client, MATCHES, language, id="INI-XX-404")
    assert body["errors"][0]["message"] == UNKNOWN_ID[language]
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_refusals_before_graphql_and_other_routes_speak_it_too(client: TestClient) -> None:
    refused = client.post("/graphql", content=b"{}", headers={
        "Content-Type": "text/plain", "Accept-Language": "pt-BR"})
    assert refused.status_code == 415
    assert refused.json()["errors"][0] == {
        "message": "Envie por POST um corpo JSON com Content-Type: application/json (o desta "
                   "requisição é text/plain).",
        "extensions": {"code": "UNSUPPORTED_MEDIA_TYPE"}}
    export = client.get("/export/pdf", headers={"Accept-Language": "es-419"})
    assert export.status_code == 400
    assert export.json()["code"] == "BAD_USER_INPUT"
    assert export.json()["message"] == ("Formato de exportación desconocido 'pdf'; se esperaba "
                                        "graphml, gexf o csv.")


def test_the_language_argument_wins_over_the_header_for_texts_and_errors(
    client: TestClient,
) -> None:
    finding = jardin(post(client, GAPS, "pt", language="ES"))
    assert finding["explanation"] == UNGOVERNED["es"]
    refused = post(client, """{ coordinationGaps(whiteSpotMinFirms: 0, language: EN) {
        kind } }""", "pt")
    assert refused["errors"][0]["message"] == "whiteSpotMinFirms must be at least 1."
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    # outside the field, the header still rules
    outside = post(client, MATCHES, "pt", id="INI-XX-404")
    assert outside["errors"][0]["message"] == UNKNOWN_ID["pt"]


@pytest.mark.parametrize("header", [None, "de-DE, fr;q=0.8", "*", "en;q=0"])
def test_a_request_asking_for_no_language_spoken_gets_ARTICULA_LANGUAGE(
    client: TestClient, header: str | None,
) -> None:
    assert jardin(post(client, GAPS, header))["explanation"] == UNGOVERNED["es"]


def test_ARTICULA_LANGUAGE_sets_the_fallback(client: TestClient,
                                             neo4j_backend: Backend) -> None:
    settings = neo4j_backend.settings.model_copy(update={"language": "pt"})
    with TestClient(create_app(settings)) as portuguese:
        assert jardin(post(portuguese, GAPS, "fr"))["explanation"] == UNGOVERNED["pt"]
        assert jardin(post(portuguese, GAPS, "en"))["explanation"] == UNGOVERNED["en"]


def test_matchmaking_reasons_speak_the_language_and_carry_their_keys(
    client: TestClient,
) -> None:
    answers = {lang: post(client, MATCHES, lang, id="INI-CL-001")["data"]["matchmaking"][
        "matches"][0] for lang in ("es", "en", "pt")}
    assert {a["suggestion"]["id"] for a in answers.values()} == {"INI-CL-002"}
    assert answers["en"]["reasons"][0] == "works in the same ISIC industries 161 and 162"
    assert answers["es"]["reasons"][0] == "trabaja en las mismas actividades CIIU 161 y 162"
    assert answers["pt"]["reasons"][0] == "atua nas mesmas atividades CIIU 161 e 162"
    assert "tem participantes de setores e tipos semelhantes (Jaccard 0,44)" in answers[
        "pt"]["reasons"]
    keys = [m["key"] for m in answers["en"]["reasonMessages"]]
    assert keys[:3] == ["match.same_industries", "match.value_chain", "match.same_region"]
    assert answers["en"]["reasonMessages"][0]["parameters"] == {
        "industries": ["161", "162"], "count": 2}
    assert all(a["reasonMessages"] == answers["en"]["reasonMessages"]
               for a in answers.values())
    assert all(len(a["reasons"]) == len(keys) for a in answers.values())
