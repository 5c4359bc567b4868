"""docs/research.md shows real output: its Python blocks run, in order, against the service on
the sample, and each prints exactly the text block that follows it (one that prints nothing
has none).

ARTICULA_WRITE_WALKTHROUGH=1 writes what they print into the page instead of comparing.
"""

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "research.md"
FENCE = re.compile(r"```([\w ]*)\n(.*?)```", re.DOTALL)
URL = '"http://127.0.0.1:8000"'


def test_every_output_of_the_walkthrough_is_what_its_code_prints(base_url: str) -> None:
    page = PAGE.read_text(encoding="utf-8")
    blocks = list(FENCE.finditer(page))
    namespace: dict[str, object] = {}
    written, ran = page, 0
    for n, block in enumerate(blocks):
        if block[1] != "python":
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(block[2].replace(URL, repr(base_url)), namespace)  # the page's own code
        ran += 1
        following = blocks[n + 1] if n + 1 < len(blocks) else None
        shown = (following if following is not None and following[1] == "text"
                 and not page[block.end():following.start()].strip() else None)
        if os.environ.get("ARTICULA_WRITE_WALKTHROUGH") == "1" and shown is not None:
            written = written.replace(shown[0], f"```text\n{out.getvalue()}```", 1)
        else:
            assert out.getvalue() == ("" if shown is None else shown[2]), block[2]
    assert ran >= 6
    if written != page:
        PAGE.write_text(written, encoding="utf-8")
        pytest.skip("docs/research.md written")
