"""graphql-core's own errors in the request's language: in English exactly as graphql-core
words them (less its suggestions), in Spanish and Portuguese from the catalogues, each by a
pattern of service/api/graphql_messages.py (never the fallback that quotes graphql-core).

graphql-core's wording is taken from graphql-core itself, run on the same schema, so that a
wording a new graphql-core changes fails here rather than reaching users in English."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from graphql import GraphQLError, graphql_sync

from service.api.error_codes import without_suggestions
from service.api.schema import schema
from service.language import speaking
from service.messages import say

CASES: dict[str, tuple[str, dict[str, Any] | None, str | None]] = {
    "syntax": ("{ about { version }", None, None),
    "unknown field": ("{ abut { version } }", None, None),
    "unknown argument": ("{ initiatives(frist: 2) { totalCount } }", None, None),
    "required argument": ("{ initiative { id } }", None, None),
    "needs a selection": ("{ about }", None, None),
    "takes no selection": ("{ initiatives(first: 1) { totalCount { x } } }", None, None),
    "unknown type": ("query($s: ScopeInpt) { stats(scope: $s) { __typename } }", None, None),
    "unknown directive": ("{ about @nope { version } }", None, None),
    "unknown fragment": ("{ ...Missing }", None, None),
    "unused fragment": ("fragment F on Query { about { version } } { about { version } }",
                        None, None),
    "undefined variable": ("query Q { initiative(id: $x) { id } }", None, None),
    "unused variable": ("query Q($x: ID) { about { version } }", None, None),
    "variable not given": ("query($x: ID!) { initiative(id: $x) { id } }", {}, None),
    "variable null": ("query($x: ID!) { initiative(id: $x) { id } }", {"x": None}, None),
    "variable not an int": (
        "query($k: Int!) { matchmaking(id: \"INI-CL-001\", k: $k) { matches { score } } }",
        {"k": "many"}, None),
    "variable not a string": ("query($x: ID!) { initiative(id: $x) { id } }", {"x": [1]},
                              None),
    "variable not a boolean": (
        "query($w: Boolean) { centrality(metric: DEGREE, weighted: $w) { nodeCount } }",
        {"w": "yes"}, None),
    "variable of an unknown enum value": (
        "query($t: [InitiativeType!]) { initiatives(filter: {types: $t}) { totalCount } }",
        {"t": ["CLUSTR"]}, None),
    "variable with an unknown field": (
        "query($s: ScopeInput) { stats(scope: $s) { __typename } }", {"s": {"feld": 1}}, None),
    "variable not an object": (
        "query($s: ScopeInput) { stats(scope: $s) { __typename } }", {"s": 3}, None),
    "unknown enum value": ("{ initiatives(filter: {types: [CLUSTR]}) { totalCount } }", None,
                           None),
    "literal not an int": ("{ initiatives(first: \"x\") { totalCount } }", None, None),
    "unknown input field": ("{ initiatives(orderBy: {feld: NAME}) { totalCount } }", None,
                            None),
    "required input field": (
        "mutation { createFirm(input: {name: \"x\"}) { auditId } }", None, None),
    "variable in the wrong place": (
        "query($x: String) { initiative(id: $x) { id } }", None, None),
    "conflicting fields": ("{ a: about { version } a: stats { __typename } }", None, None),
    "several operations": ("query A { about { version } } query B { about { version } }",
                           None, None),
    "unknown operation": ("query A { about { version } } query B { about { version } }",
                          None, "C"),
    "anonymous among others": ("{ about { version } } query B { about { version } }", None,
                               "B"),
}


def graphql_core_words(query: str, variables: dict[str, Any] | None,
                       operation: str | None) -> str:
    """What graphql-core itself answers, on the same schema, before anything runs."""
    result = graphql_sync(schema._schema, query, variable_values=variables,
                          operation_name=operation)
    assert result.errors, query
    error: GraphQLError = result.errors[0]
    return without_suggestions(error.message)


def ask(client: TestClient, language: str, query: str, variables: dict[str, Any] | None,
        operation: str | None) -> str:
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    if operation is not None:
        body["operationName"] = operation
    answer = client.post("/graphql", json=body, headers={"Accept-Language": language}).json()
    assert answer.get("errors"), answer
    message: str = answer["errors"][0]["message"]
    return message


def fallback(language: str) -> str:
    """The start of the sentence that quotes graphql-core when no pattern knows its words."""
    with speaking(language):
        return say("error.graphql.other", text="\0").split("\0")[0]


@pytest.mark.parametrize("case", CASES)
def test_graphql_core_errors_are_worded_in_the_request_language(
    client: TestClient, case: str
) -> None:
    query, variables, operation = CASES[case]
    english = ask(client, "en", query, variables, operation)
    assert english == graphql_core_words(query, variables, operation)
    for language in ("es", "pt"):
        worded = ask(client, language, query, variables, operation)
        assert worded != english
        assert not worded.startswith(fallback(language)), worded
        assert "did you mean" not in worded.lower()


def test_a_message_no_pattern_knows_is_quoted_in_a_sentence_of_the_language() -> None:
    from service.api.graphql_messages import worded

    with speaking("pt"):
        assert worded("Something graphql-core says.") == (
            "A consulta não é válida (o GraphQL diz: Something graphql-core says.)")


@pytest.mark.parametrize(("language", "expected"), [
    ("es", "El tipo 'Query' no tiene el campo 'abut'."),
    ("pt", "O tipo 'Query' não tem o campo 'abut'."),
])
def test_an_unknown_field_reads_naturally(client: TestClient, language: str,
                                          expected: str) -> None:
    assert ask(client, language, "{ abut { version } }", None, None) == expected


def test_a_syntax_error_words_its_detail_too(client: TestClient) -> None:
    assert ask(client, "es", "{ about { version }", None, None) == (
        "Error de sintaxis: se esperaba Name y se encontró <EOF>.")
