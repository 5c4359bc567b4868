"""API keys: created, listed and revoked from the command line; roles decide what a key may do."""

import re
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from service.access import Principal, Role
from service.app import create_app
from service.errors import Forbidden, Unauthenticated
from tests.neo4j_backends import Backend, articula

ABOUT = {"query": "{ about { version } }"}



def create_key(backend: Backend, role: str) -> tuple[str, str]:
    """(id, key) of a new key, as `articula keys create` prints them."""
    made = articula(backend, "keys", "create", "--name", f"test {role}", "--role", role)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip().splitlines()[-1]
    match = re.fullmatch(r"ak_([0-9a-f]{12})\.[\w-]{43}", key)
    assert match, made.stdout
    return match.group(1), key


def code_of(answer: dict[str, object]) -> str:
    errors = answer.get("errors")
    assert isinstance(errors, list) and errors, answer
    return str(errors[0]["extensions"]["code"])


def test_keys_are_listed_without_their_secret_and_revoked_by_id(
    db: neo4j.Driver, neo4j_backend: Backend
) -> None:
    key_id, key = create_key(neo4j_backend, "EDITOR")
    listing = articula(neo4j_backend, "keys", "list")
    assert re.search(rf"^{key_id} +EDITOR .* no +test EDITOR$", listing.stdout, re.M)
    assert key.split(".")[1] not in listing.stdout
    stored, _, _ = db.execute_query("MATCH (k:ApiKey) RETURN properties(k) AS p")
    assert key.split(".")[1] not in str(stored[0]["p"])  # only a hash is kept

    revoked = articula(neo4j_backend, "keys", "revoke", key_id)
    assert revoked.returncode == 0, revoked.stderr
    assert re.search(rf"^{key_id} +EDITOR .* yes +test EDITOR$",
                     articula(neo4j_backend, "keys", "list").stdout, re.M)
    unknown = articula(neo4j_backend, "keys", "revoke", "000000000000")
    assert unknown.returncode == 1
    assert "No API key '000000000000'" in unknown.stderr


@pytest.fixture
def closed_client(db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[TestClient]:
    """The app with anonymous access switched off."""
    settings = neo4j_backend.settings.model_copy(update={"anonymous_read": False})
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_anonymous_callers_read_unless_anonymous_access_is_off(
    client: TestClient, closed_client: TestClient
) -> None:
    assert "errors" not in client.post("/graphql", json=ABOUT).json()
    response = closed_client.post("/graphql", json=ABOUT)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    refused = response.json()
    assert code_of(refused) == "UNAUTHENTICATED"
    assert "data" not in refused  # refused at the door: nothing executed


def test_a_valid_key_reads_where_anonymous_callers_may_not(
    closed_client: TestClient, neo4j_backend: Backend
) -> None:
    _, key = create_key(neo4j_backend, "READER")
    answer = closed_client.post(
        "/graphql", json=ABOUT, headers={"Authorization": f"Bearer {key}"}
    ).json()
    assert answer["data"]["about"]["version"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Basic dXNlcjpwdw==", "must read: Bearer <key>"),
        ("Bearer not-a-key", "malformed"),
        ("Bearer ak_0123456789ab.secret", "not known"),
    ],
)
def test_a_bad_key_is_refused_even_where_anonymous_callers_may_read(
    header: str, message: str, client: TestClient
) -> None:
    response = client.post("/graphql", json=ABOUT, headers={"Authorization": header})
    assert response.status_code == 401
    answer = response.json()
    assert code_of(answer) == "UNAUTHENTICATED"
    assert message in answer["errors"][0]["message"]


def test_a_wrong_secret_and_a_revoked_key_are_refused(
    client: TestClient, neo4j_backend: Backend
) -> None:
    key_id, key = create_key(neo4j_backend, "ADMIN")
    wrong = client.post("/graphql", json=ABOUT,
                        headers={"Authorization": f"Bearer {key[:-2]}xx"}).json()
    assert "not known" in wrong["errors"][0]["message"]
    assert articula(neo4j_backend, "keys", "revoke", key_id).returncode == 0
    revoked = client.post("/graphql", json=ABOUT,
                          headers={"Authorization": f"Bearer {key}"}).json()
    assert code_of(revoked) == "UNAUTHENTICATED"
    assert "revoked" in revoked["errors"][0]["message"]


@pytest.mark.parametrize("needed", list(Role))
@pytest.mark.parametrize("held", [None, *Role])
def test_each_role_may_do_what_it_and_the_roles_below_it_may(
    held: Role | None, needed: Role
) -> None:
    principal = Principal(held)
    if held is None:
        with pytest.raises(Unauthenticated, match="needs an API key"):
            principal.require(needed, "Loading a dataset")
    elif held < needed:
        with pytest.raises(Forbidden, match=f"needs the {needed.name} role; this key has"):
            principal.require(needed, "Loading a dataset")
    else:
        principal.require(needed, "Loading a dataset")
    assert principal.may(needed) == (held is not None and held >= needed)


def test_cors_answers_configured_origins_only(db: neo4j.Driver, neo4j_backend: Backend) -> None:
    settings = neo4j_backend.settings.model_copy(
        update={"cors_origins": ["https://tablero.example.org"]}
    )
    preflight = {"Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"}
    with TestClient(create_app(settings)) as client:
        allowed = client.options(
            "/graphql", headers={"Origin": "https://tablero.example.org", **preflight}
        )
        other = client.options("/graphql", headers={"Origin": "https://evil.example", **preflight})
    assert allowed.headers["access-control-allow-origin"] == "https://tablero.example.org"
    assert "access-control-allow-origin" not in other.headers
