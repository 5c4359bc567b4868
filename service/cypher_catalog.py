"""The catalogue of Cypher statements: one `.cypher` file each, loaded once by name.

Statements live in the repository's `cypher/` folder; a built wheel carries them as
`service/cypher/`. Names are paths without the suffix, e.g. `about/components`. A line
`// include: NAME` is replaced by the text of `cypher/fragments/NAME.cypher`: clauses that
several statements share (fragments are not statements, so `names()` leaves them out).
"""

import re
from functools import cache
from pathlib import Path

from service.settings import PROJECT_ROOT


@cache
def cypher_dir() -> Path:
    packaged = Path(__file__).with_name("cypher")
    return packaged if packaged.is_dir() else PROJECT_ROOT / "cypher"


@cache
def cypher(name: str) -> str:
    """The text of statement `name`; a KeyError names the missing file."""
    path = cypher_dir() / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"no Cypher statement {name!r} (expected {path})")
    return INCLUDE.sub(lambda m: fragment(m.group(1)), path.read_text(encoding="utf-8")).strip()


INCLUDE = re.compile(r"^// include: (\S+)$", re.M)
FRAGMENTS = "fragments"


@cache
def fragment(name: str) -> str:
    path = cypher_dir() / FRAGMENTS / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"no Cypher fragment {name!r} (expected {path})")
    return path.read_text(encoding="utf-8").strip()


def names() -> list[str]:
    """Every statement's name, sorted."""
    root = cypher_dir()
    return sorted(
        p.relative_to(root).with_suffix("").as_posix()
        for p in root.rglob("*.cypher")
        if p.relative_to(root).parts[0] != FRAGMENTS
    )


@cache
def as_columns(name: str, columns: tuple[str, ...], *, limited: bool = False) -> str:
    """Statement `name` wrapped to return one row holding a list per column, in row order;
    `limited` keeps only the first `$maxRows` rows."""
    limit = "WITH * LIMIT $maxRows\n" if limited else ""
    lists = ", ".join(f"collect({c}) AS {c}" for c in columns)
    return f"CALL () {{\n{cypher(name)}\n}}\n{limit}RETURN {lists}"
