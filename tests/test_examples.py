"""Every operation in graphql/examples/ runs on the sample dataset and answers what it says.

An example starts with `#` lines saying what it shows; a `# variables: {...}` line gives
the variables it runs with.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

EXAMPLES = Path(__file__).resolve().parents[1] / "graphql" / "examples"


def variables_of(text: str) -> dict[str, Any]:
    for line in text.splitlines():
        if line.startswith("# variables:"):
            parsed: dict[str, Any] = json.loads(line.removeprefix("# variables:"))
            return parsed
    return {}


def empty_parts(value: Any, path: str = "data") -> list[str]:
    """Where the answer holds an empty list or a null root field: examples show real data."""
    if value == [] or (value is None and path.count(".") <= 1):
        return [path]
    if isinstance(value, dict):
        return [p for key, inner in value.items() for p in empty_parts(inner, f"{path}.{key}")]
    if isinstance(value, list):
        return empty_parts(value[0], f"{path}[0]")
    return []


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.graphql")), ids=lambda p: p.stem)
def test_the_example_runs_on_the_sample_and_shows_data(
    example: Path, sample_client: TestClient
) -> None:
    text = example.read_text()
    assert text.startswith("#"), f"{example.name} should start with a comment saying what it shows"
    answer = sample_client.post(
        "/graphql", json={"query": text, "variables": variables_of(text)}
    ).json()
    assert "errors" not in answer, answer.get("errors")
    assert empty_parts(answer["data"]) == []
