"""A text column's distinct texts held as one Arrow array: read by position, by block and
for some rows, an empty text as None."""

import numpy as np
import pyarrow as pa

from loaders.texts import BLOCK, Texts
from loaders.validation import Cells


def test_texts_read_by_position_slice_and_block_with_an_empty_text_as_none() -> None:
    written = ["Café", "", "Ñandú"] * (BLOCK // 2)  # more than one block
    texts = Texts(pa.array(written, pa.large_string()))
    assert len(texts) == len(written)
    assert (texts[0], texts[1], texts[-1]) == ("Café", None, "Ñandú")
    assert texts[1:4] == [None, "Ñandú", "Café"]
    assert texts.take(np.array([2, 1, 0])) == ["Ñandú", None, "Café"]
    assert list(texts) == [text or None for text in written]


def test_the_cells_of_some_rows_of_a_text_column_hold_only_those_rows_texts() -> None:
    cells = Cells(np.array([0, 1, 2, 0, 2], dtype=np.int32), Texts.of(["a", "b", ""]))
    assert cells.at(np.array([4, 1, 3])) == [None, "b", "a"]
    some = cells.take(np.array([3, 4, 0]))
    assert some.values == ["a", None]
    assert some.at(np.arange(3)) == ["a", None, "a"]
