"""The distinct texts of a text column (names, tax ids, descriptions) held as one Arrow string
array: a few bytes of overhead a text, where a Python string costs about fifty. A load of
millions of firms holds millions of names and tax ids; they become Python strings only a
block of rows at a time, when they are checked or written."""

from collections.abc import Iterable, Iterator, Sequence
from typing import overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

BLOCK = 65_536  # texts made into Python strings at a time when all are read through


class Texts(Sequence[str | None]):
    """Texts by position; an empty text reads as None."""

    __slots__ = ("array",)

    def __init__(self, array: pa.Array) -> None:
        empty = pc.equal(array, "")
        self.array = pc.if_else(empty, pa.scalar(None, array.type), array) \
            if pc.any(empty).as_py() else array

    @classmethod
    def of(cls, texts: Iterable[str]) -> "Texts":
        return cls(pa.array(list(texts), pa.large_string()))

    def __len__(self) -> int:
        return len(self.array)

    @overload
    def __getitem__(self, index: int) -> str | None: ...

    @overload
    def __getitem__(self, index: slice) -> list[str | None]: ...

    def __getitem__(self, index: int | slice) -> str | list[str | None] | None:
        if isinstance(index, slice):
            texts: list[str | None] = self.array[index].to_pylist()
            return texts
        text: str | None = self.array[index].as_py()
        return text

    def __iter__(self) -> Iterator[str | None]:
        for _, block in self.blocks():
            yield from block

    def blocks(self) -> Iterator[tuple[int, list[str | None]]]:
        """The texts BLOCK at a time, each block with the position of its first."""
        for start in range(0, len(self.array), BLOCK):
            yield start, self.array.slice(start, BLOCK).to_pylist()

    def take(self, positions: np.ndarray) -> list[str | None]:
        """The texts at `positions`, in their order."""
        texts: list[str | None] = self.array.take(positions).to_pylist()
        return texts

    def arrow(self, positions: np.ndarray) -> pa.Array:
        """The texts at `positions`, in their order, as an Arrow array (null for empty)."""
        return self.array.take(positions)
