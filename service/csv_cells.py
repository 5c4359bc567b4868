"""CSV that a spreadsheet opens safely, as OWASP's CSV-injection advice has it: every text
cell is quoted (so no separator inside it, `,` or `;`, starts a new cell) and one that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that
Excel and LibreOffice show it as text instead of evaluating it as a formula. Numbers the
writer computes itself (weights, scores, ranks) are written as numbers, unquoted. A
dataset export marks its cells so that the loader can take the mark off again."""

import csv
import re
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """`value`, with a leading `'` when a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def row(*cells: Any) -> list[Any]:
    """Cells as the writer should write them: text neutralised, numbers and None as they are."""
    return [text_cell(cell) if isinstance(cell, str) else cell for cell in cells]


def writer(out: TextIO) -> Any:
    """A csv writer quoting every text cell and no number (`None` is an empty text)."""
    return csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)


# A dataset's CSV file goes back into `articula load`, so there the mark must come off again
# exactly: a text made of `'`s and then a formula's first character gets one `'` more, and
# the loader's reader takes one off every cell of that shape.
DATASET_MARKED = "'*[" + re.escape("".join(FORMULA_STARTS)) + "]"
MARK_TO_DROP = "^'(?=" + DATASET_MARKED + ")"
_DATASET_MARKED = re.compile(DATASET_MARKED)
_MARKED_FIRST = frozenset(("'", *FORMULA_STARTS))


def dataset_cell(value: str) -> str:
    """`value` as a dataset's CSV cell: with a leading `'` when a spreadsheet would read it as
    a formula, even after `'`s of its own; `articula load` reads it back as `value`."""
    if value and value[0] in _MARKED_FIRST and _DATASET_MARKED.match(value):
        return "'" + value
    return value
