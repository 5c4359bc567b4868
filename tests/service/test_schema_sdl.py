"""graphql/schema.graphql is the schema the code serves, word for word."""

from pathlib import Path

from service.api.schema import schema

SDL = Path(__file__).resolve().parents[2] / "graphql" / "schema.graphql"


def test_the_exported_sdl_matches_the_code() -> None:
    assert SDL.read_text().strip() == schema.as_str().strip(), (
        "graphql/schema.graphql is stale: run `articula schema > graphql/schema.graphql`"
    )
