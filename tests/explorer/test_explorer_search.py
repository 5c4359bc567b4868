"""The Explorer's search box (js/search.js, run by Node.js) finds and orders names exactly as
the API's `search` rule does (service/api/name_search.py).

Without Node.js it skips; with ARTICULA_REQUIRE_NODE=1 (as CI sets it) it fails instead.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from service.api.name_search import ranked, words

SEARCH_JS = Path(__file__).resolve().parents[2] / "service/static/explorer/js/search.js"
NAMES = ["Tostadores de Origen Garzón", "Café", "Café del Huila", "Cafeteros Unidos",
         "Cooperativa de Cafeteros del Huila", "Caficultores de Pitalito", "CAFÉ DE ALTURA",
         "Trilladora San Agustín", "O'Higgins Exportaciones S.A.S.", "Straße Ølkompaniet",
         "Clúster de Turismo de Nariño", "Red de turismo cafetero", "Ñame y Yuca del Caribe",
         "Gobernación del Huila", "Agro-Industria Pitalito 2020"]
QUERIES = ["tostador", "cafe", "CAFÉ", "caf", "cafe huila", "huila cafe", "turismo", "o'hig",
           "sas", "s.a.s", "strasse", "olk", "nario", "ñame", "name", "agro industria",
           "pitalito 20", "de", "zzz", "  ", "-", "gob hui"]


def explorer_order(queries: list[str]) -> list[list[str]]:
    node = shutil.which("node")
    if node is None:
        reason = "Node.js is not installed (Debian: apt-get install nodejs)"
        if os.environ.get("ARTICULA_REQUIRE_NODE") == "1":
            pytest.fail(f"{reason} (ARTICULA_REQUIRE_NODE=1)", pytrace=False)
        pytest.skip(reason)
    script = (f"import {{ search }} from {json.dumps(SEARCH_JS.as_uri())};\n"
              f"const names = {json.dumps(NAMES)};\n"
              "const items = names.map((name, i) => "
              "({ id: String(i).padStart(2, '0'), name }));\n"
              f"console.log(JSON.stringify({json.dumps(queries)}.map((q) => search(items, q, "
              "{ textOf: (n) => n.name, keyOf: (n) => n.id }).map((n) => n.name))));")
    run = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True,
                         text=True, timeout=60, check=True)
    found: list[list[str]] = json.loads(run.stdout)
    return found


def api_order(query: str) -> list[str]:
    """What the API's rule ranks, among the names that begin with every typed word (the
    full-text index's prefix match, done here by hand)."""
    typed = words(query)
    if not typed:
        return []
    hits = [(f"{i:02d}", [name]) for i, name in enumerate(NAMES)
            if all(any(w.startswith(t) for w in words(name)) for t in typed)]
    return [NAMES[int(key)] for key in ranked(query, hits)]


def test_the_explorer_ranks_names_as_the_api_does() -> None:
    explorer = explorer_order(QUERIES)
    assert explorer == [api_order(q) for q in QUERIES]
    by_query = dict(zip(QUERIES, explorer, strict=True))
    assert by_query["tostador"] == ["Tostadores de Origen Garzón"]
    assert by_query["cafe"][:3] == ["Café", "CAFÉ DE ALTURA", "Café del Huila"]
    assert by_query["ñame"] == by_query["name"] == ["Ñame y Yuca del Caribe"]
    assert by_query["strasse"] == ["Straße Ølkompaniet"]
    assert by_query["zzz"] == by_query["  "] == by_query["-"] == []
