"""What is wrong with a dataset, said precisely: file, row, column, value, expectation, and
where one helps, a hint (a close known value, how to state the locale)."""

from dataclasses import dataclass

from service.errors import ArticulaError
from service.messages import Message, msg, say

SHOWN = 50


@dataclass(frozen=True)
class Refusal:
    """Why a cell (or a header) is refused, not yet worded: what was expected, and a hint."""

    expected: Message
    hint: Message | None = None


@dataclass(frozen=True)
class Problem:
    source: str  # "firms.csv", "data.xlsx, sheet firms", "data.json, firms"
    row: int | None  # the row number a spreadsheet shows (the header is row 1), or JSON item
    column: str | None
    value: str | None
    expected: str
    row_label: str = "row"  # or "item", "line": a term of the catalogues (term.row.*)
    hint: str | None = None  # what the author probably meant, or how to fix it
    key: str | None = None  # the catalogue key of `expected`: the problem's kind

    @classmethod
    def of(cls, source: str, row: int | None, column: str | None, value: str | None,
           refusal: Refusal | Message, row_label: str = "row") -> "Problem":
        """A problem worded in the current language, its kind the key of its expectation."""
        if isinstance(refusal, Message):
            refusal = Refusal(refusal)
        hint = refusal.hint.render() if refusal.hint is not None else None
        return cls(source, row, column, value, refusal.expected.render(), row_label, hint,
                   refusal.expected.key)

    @property
    def kind(self) -> str:
        return self.key or self.expected

    def __str__(self) -> str:
        """The problem in the current language: source, row, column, value, expectation,
        hint."""
        where = [self.source]
        if self.row is not None:
            where.append(say("problem.row", label=self.row_label, row=self.row))
        if self.column is not None:
            where.append(say("problem.column", column=self.column))
        found = f"{self.value!r}: " if self.value is not None else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{', '.join(where)}: {found}{self.expected}{hint}"


class DatasetError(ArticulaError):
    """A dataset that cannot be loaded; nothing was written."""

    code = "BAD_DATASET"

    def __init__(self, problems: list[Problem], shown: int = SHOWN) -> None:
        self.problems = problems
        lines = [str(problem) for problem in problems[:shown]]
        if len(problems) > shown:
            lines.append(say("problem.more", count=len(problems) - shown))
        kinds = len({problem.kind for problem in problems})
        super().__init__(msg("error.dataset", count=len(problems),
                             kinds=msg("problem.kinds", count=kinds), lines="\n".join(lines)))
