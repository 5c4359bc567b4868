"""What is wrong with a dataset, said precisely: file, row, column, value, expectation."""

from dataclasses import dataclass

from service.errors import ArticulaError
from service.messages import msg, say

SHOWN = 50


@dataclass(frozen=True)
class Problem:
    source: str  # "firms.csv", "data.xlsx, sheet firms", "data.json, firms"
    row: int | None  # the row number a spreadsheet shows (the header is row 1), or JSON item
    column: str | None
    value: str | None
    expected: str
    row_label: str = "row"  # or "item", "line": a term of the catalogues (term.row.*)

    def __str__(self) -> str:
        """The problem in the current language: source, row, column, value, expectation."""
        where = [self.source]
        if self.row is not None:
            where.append(say("problem.row", label=self.row_label, row=self.row))
        if self.column is not None:
            where.append(say("problem.column", column=self.column))
        found = f"{self.value!r}: " if self.value is not None else ""
        return f"{', '.join(where)}: {found}{self.expected}"


class DatasetError(ArticulaError):
    """A dataset that cannot be loaded; nothing was written."""

    code = "BAD_DATASET"

    def __init__(self, problems: list[Problem], shown: int = SHOWN) -> None:
        self.problems = problems
        lines = [str(problem) for problem in problems[:shown]]
        if len(problems) > shown:
            lines.append(say("problem.more", count=len(problems) - shown))
        super().__init__(msg("error.dataset", count=len(problems), lines="\n".join(lines)))
