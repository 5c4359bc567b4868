"""graphql-core's own messages (a query that does not parse or validate, a variable of the
wrong type), worded from the catalogues: each known message is a pattern whose named parts
become the parameters of a catalogue key; a message no pattern knows keeps graphql-core's
words inside a sentence of the request's language.

The patterns follow graphql-core's wording; tests/service/api/test_graphql_messages.py
sends a query that provokes each of them, so that a wording graphql-core changes fails there.
"""

from __future__ import annotations

import re

from service.messages import say


def _pattern(text: str) -> re.Pattern[str]:
    """`text` whole, with `<name>` for a quoted name and `{name}` for free text."""
    escaped = re.escape(text)
    named = re.sub(r"<(\w+)>", r"'(?P<\1>[^']+)'", escaped)
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", named) + r"\Z", re.DOTALL)


# (graphql-core's wording, catalogue key); the first that matches words the message
KNOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple((_pattern(text), key) for text, key in (
    ("Syntax Error: {detail}", "error.graphql.syntax"),
    ("Cannot query field <field> on type <type>.", "error.graphql.unknown_field"),
    ("Unknown argument <argument> on field <field>.", "error.graphql.unknown_argument"),
    ("Argument <argument> of type <type> is required, but it was not provided.",
     "error.graphql.argument_required"),
    ("Field <field> of type <type> must have a selection of subfields.",
     "error.graphql.needs_selection"),
    ("Field <field> must not have a selection since type <type> has no subfields.",
     "error.graphql.no_selection"),
    ("Unknown type <type>.", "error.graphql.unknown_type"),
    ("Unknown directive <directive>.", "error.graphql.unknown_directive"),
    ("Unknown fragment <fragment>.", "error.graphql.unknown_fragment"),
    ("Fragment <fragment> is never used.", "error.graphql.unused_fragment"),
    ("Variable <variable> is not defined by operation <operation>.",
     "error.graphql.undefined_variable_in"),
    ("Variable <variable> is not defined.", "error.graphql.undefined_variable"),
    ("Variable <variable> is never used in operation <operation>.",
     "error.graphql.unused_variable_in"),
    ("Variable <variable> is never used.", "error.graphql.unused_variable"),
    ("Variable <variable> has invalid value at {path}: {reason}",
     "error.graphql.variable_invalid_at"),
    ("Variable <variable> has invalid value: {reason}", "error.graphql.variable_invalid"),
    ("Variable <variable> of type <type> used in position expecting type <expected>.",
     "error.graphql.variable_position"),
    ("Argument <argument> of required type <type> was not provided.",
     "error.graphql.argument_missing"),
    ("Expected a value of non-null type <type> to be provided.", "error.graphql.value_required"),
    ("Expected value of non-null type <type> not to be None.", "error.graphql.value_not_null"),
    ("Expected value of type <type> to be an object, found: {value}.",
     "error.graphql.not_object"),
    ("Expected value of type <type> to include required field <field>, found: {value}.",
     "error.graphql.input_field_required"),
    ("Expected value of type <type> not to include unknown field <field>, found: {value}.",
     "error.graphql.unknown_input_field"),
    ("Expected value of type <type> not to include unknown field <field>. Found: {value}.",
     "error.graphql.unknown_input_field_found"),
    ("Expected value of type <type>, found: {value}.", "error.graphql.value"),
    ("Value <value> does not exist in <type> enum.", "error.graphql.enum_value"),
    ("Enum <type> cannot represent non-enum value: {value}.", "error.graphql.enum_non_value"),
    ("Int cannot represent non-integer value: {value}", "error.graphql.not_int"),
    ("Int cannot represent non 32-bit signed integer value: {value}",
     "error.graphql.int_range"),
    ("Float cannot represent non numeric value: {value}", "error.graphql.not_float"),
    ("String cannot represent a non string value: {value}", "error.graphql.not_string"),
    ("Boolean cannot represent a non boolean value: {value}", "error.graphql.not_boolean"),
    ("ID cannot represent value: {value}", "error.graphql.not_id"),
    ("ID cannot represent a non-string and non-integer value: {value}",
     "error.graphql.not_id"),
    ("Fields <field> conflict because <first> and <second> are different fields. Use "
     "different aliases on the fields to fetch both if this was intentional.",
     "error.graphql.conflict_fields"),
    ("Fields <field> conflict because {reason}.", "error.graphql.conflict"),
    ("Must provide operation name if query contains multiple operations.",
     "error.graphql.operation_name"),
    ("Unknown operation named <operation>.", "error.graphql.unknown_operation"),
    ('Unknown operation named "{operation}".', "error.graphql.unknown_operation"),
    ("This anonymous operation must be the only defined operation.",
     "error.graphql.anonymous_operation"),
    ("Can't get GraphQL operation type", "error.graphql.no_operation"),
    # the details of a syntax error, after every message they could be mistaken for
    ("Expected {expected}, found {found}.", "error.graphql.expected"),
    ("Unexpected {found}.", "error.graphql.unexpected"),
    # strawberry's refusals of a request
    ("No GraphQL query found in the request", "error.http.no_query"),
    ("Unable to parse request body as JSON", "error.http.body_not_json"),
    ("Unsupported content type", "error.http.unsupported_content_type"),
    ("GraphQL only supports GET and POST requests.", "error.http.get_or_post"),
    ("Batching is not enabled", "error.http.batching"),
))
NESTED = ("detail", "reason")  # parts that are graphql-core messages themselves


def worded(text: str) -> str:
    """graphql-core's `text` in the request's language: its own catalogue text when a
    pattern knows it, else `error.graphql.other` quoting it."""
    for pattern, key in KNOWN:
        found = pattern.match(text)
        if found:
            return say(key, **{name: worded(value) if name in NESTED else value
                               for name, value in found.groupdict().items()})
    return say("error.graphql.other", text=text)
