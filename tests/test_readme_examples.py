"""The README's worked examples show what the API answers on the sample, as printed.

Each GraphQL block of the section is followed by its output: a JSON block (the root field's
value when one field is asked for, else `data`) or a table of the first rows. A list may end
in "…" (the rest left out); a number matches to the digits printed.
"""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

README = Path(__file__).resolve().parents[1] / "README.md"
SECTION = "### Worked examples (real output on the sample dataset)"


def worked_examples() -> list[tuple[str, str, str]]:
    """(query, kind of output, output text) for each example, in order."""
    text = README.read_text(encoding="utf-8").split(SECTION, 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"```(\w+)\n(.*?)```", text, flags=re.DOTALL)
    examples = []
    # re.split gives [prose, lang, body, prose, lang, body, ...]
    blocks = [(parts[i], parts[i + 1], parts[i + 2]) for i in range(1, len(parts) - 1, 3)]
    for n, (lang, body, after) in enumerate(blocks):
        if lang != "graphql":
            continue
        following = blocks[n + 1] if n + 1 < len(blocks) else None
        if following is not None and following[0] == "json" and not after.strip():
            examples.append((body, "json", following[1]))
        else:
            table = [line for line in after.strip().splitlines() if line.startswith("|")]
            examples.append((body, "table", "\n".join(table)))
    return examples


def root_field(query: str) -> str:
    """The first field the query asks for (after an alias, if any)."""
    found = re.search(r"\{\s*(?:\w+:\s*)?(\w+)\(", query)
    assert found, query
    return found.group(1)


def close(shown: float, real: float, text: str | None = None) -> bool:
    digits = len(text.split(".")[1]) if text and "." in text else 4
    return abs(shown - real) <= 0.5 * 10.0 ** -digits + 1e-12


def matches(shown: Any, real: Any) -> bool:
    if isinstance(shown, list):
        if shown and shown[-1] == "…":
            head = shown[:-1]
            return (isinstance(real, list) and len(real) > len(head)
                    and all(matches(a, b) for a, b in zip(head, real, strict=False)))
        return (isinstance(real, list) and len(shown) == len(real)
                and all(matches(a, b) for a, b in zip(shown, real, strict=True)))
    if isinstance(shown, dict):
        return (isinstance(real, dict) and shown.keys() == real.keys()
                and all(matches(v, real[k]) for k, v in shown.items()))
    if isinstance(shown, float) and isinstance(real, int | float):
        return close(shown, real)
    return bool(shown == real)


def table_matches(table: str, rows: list[dict[str, Any]]) -> bool:
    lines = table.splitlines()
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    shown = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    for cells, row in zip(shown, rows, strict=False):
        for name, cell in zip(header, cells, strict=True):
            value = row[name]
            if isinstance(value, float):
                if not close(float(cell), value, cell):
                    return False
            elif cell != str(value):
                return False
    return len(rows) >= len(shown)


@pytest.mark.parametrize("example", worked_examples(), ids=lambda e: root_field(e[0]))
def test_the_worked_example_shows_the_real_output(
    example: tuple[str, str, str], sample_client: TestClient
) -> None:
    query, kind, output = example
    body = sample_client.post("/graphql", json={"query": query}).json()
    assert "errors" not in body, body["errors"]
    data = body["data"]
    if kind == "table":
        [rows] = data.values()
        assert table_matches(output, rows), (output, rows[:3])
        return
    shown = json.loads(output)
    alone = len(data) == 1 and not (isinstance(shown, dict) and shown.keys() == data.keys())
    real = next(iter(data.values())) if alone else data
    assert matches(shown, real), json.dumps(real, ensure_ascii=False)


def test_the_gap_brokerage_and_matchmaking_queries_have_worked_examples() -> None:
    fields = {root_field(query) for query, _, _ in worked_examples()}
    assert {"coordinationGaps", "brokerage", "matchmaking"} <= fields
