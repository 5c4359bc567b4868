"""The scope: normalization, validation, and one text for it in every network statement."""

import neo4j
import pytest

from service.cypher_catalog import as_columns, cypher, cypher_dir, names
from service.errors import BadUserInput
from service.network import EDGE_COLUMNS, NODE_COLUMNS
from service.projections import SPECS
from service.scope import Scope

NETWORK_STATEMENTS = [n for n in names() if n.startswith("network/") and n != "network/known_codes"]


def test_codes_are_upper_cased_deduplicated_and_empty_lists_do_not_restrict() -> None:
    scope = Scope.of(countries=[" co", "CO", "mx"], territories=[], sectors=["c"],
                     initiative_types=None, actor_kinds=["FIRM"], year=2020)
    assert scope == Scope(countries=("CO", "MX"), territories=None, sectors=("C",),
                          actor_kinds=("FIRM",), year=2020)
    assert scope.parameters() == {"countries": ["CO", "MX"], "territories": None,
                                  "initiativeTypes": None, "sectors": ["C"],
                                  "actorKinds": ["FIRM"], "year": 2020}
    assert Scope.of().is_everything
    assert Scope.of(countries=[]).is_everything


@pytest.mark.parametrize(("arguments", "named"), [
    ({"initiative_types": ["CLUSTER", "GUILD"]}, "GUILD"),
    ({"actor_kinds": ["ROBOT"]}, "ROBOT"),
    ({"year": 20200}, "20200"),
])
def test_impossible_values_are_named(arguments: dict[str, object], named: str) -> None:
    with pytest.raises(BadUserInput, match=named):
        Scope.of(**arguments)  # type: ignore[arg-type]


def prefix(name: str) -> str:
    text = cypher(name)
    return text[:text.index("RETURN collect(DISTINCT p) AS programs\n}")]


def test_every_network_statement_has_the_same_scope() -> None:
    assert len(NETWORK_STATEMENTS) >= 7
    first = prefix(NETWORK_STATEMENTS[0])
    for name in NETWORK_STATEMENTS:
        assert prefix(name) == first, f"{name} words the scope differently"
        text = (cypher_dir() / f"{name}.cypher").read_text()
        assert text.startswith("// include: scope\n"), f"{name} should include the scope"


@pytest.mark.parametrize("name", [spec.statement for spec in SPECS.values()])
def test_the_columnar_form_of_each_projection_plans(name: str, db: neo4j.Driver) -> None:
    with db.session() as session:
        session.run(f"EXPLAIN {as_columns(name, EDGE_COLUMNS, limited=True)}").consume()
        session.run(f"EXPLAIN {as_columns('network/nodes', NODE_COLUMNS)}").consume()
