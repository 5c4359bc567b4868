"""The README's settings table names every setting the service reads."""

import re
from pathlib import Path

from service.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def table_variables() -> set[str]:
    section = README.read_text(encoding="utf-8").split("## Configuration", 1)[1]
    section = section.split("\n### ", 1)[0]
    return set(re.findall(r"^\| `([A-Z0-9_]+)` \|", section, flags=re.M))


def test_every_setting_is_in_the_readme_table() -> None:
    variables = {str(field.validation_alias) for field in Settings.model_fields.values()}
    missing = variables - table_variables()
    assert not missing, f"README's settings table lacks {sorted(missing)}"


def test_the_table_names_the_request_body_limit_and_what_the_edge_limit_caps() -> None:
    rows = {line.split("|")[1].strip(" `"): line
            for line in README.read_text(encoding="utf-8").splitlines()
            if line.startswith("| `ARTICULA_")}
    assert "`1000000`" in rows["ARTICULA_MAX_REQUEST_BYTES"]
    assert "not capped by it" in rows["ARTICULA_MAX_NETWORK_EDGES"]
