"""One access rule for every door, over a real server: each route the app mounts is either
public (liveness, readiness, the Explorer's files) or follows the rule, and with anonymous
reading off none of the others answers without a valid key."""

import io
import re
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount
from starlette.websockets import WebSocketDisconnect

from service.access import NewKey, create_key, revoke_key
from service.access_rule import PUBLIC, Access
from service.app import create_app
from service.settings import Settings
from tests.neo4j_backends import Backend
from tests.serving import serve

# Routes that describe the API (OpenAPI, its pages, GraphiQL's own path): absent, or
# behind the rule; never open to anonymous callers when anonymous reading is off.
DESCRIPTIONS = ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc", "/graphiql")
PATH_SAMPLES = {"format": "csv"}  # a value for each path parameter, to call the route


def routes_of(app: FastAPI) -> list[Any]:
    """Every route the app answers, included routers flattened."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # a FastAPI that keeps included routes in app.routes itself
        return list(app.routes)
    return list(iter_route_contexts(app.routes))


def original(route: Any) -> Any:
    return getattr(route, "original_route", route)


def rules_of(route: Any) -> list[Access]:
    """The Access dependencies anywhere in a route's dependency tree."""
    found: list[Access] = []
    stack = list(getattr(route, "dependant", None).dependencies
                 if getattr(route, "dependant", None) is not None else [])
    while stack:
        dependency = stack.pop()
        if isinstance(dependency.call, Access):
            found.append(dependency.call)
        stack.extend(dependency.dependencies)
    return found


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: PATH_SAMPLES.get(m.group(1), "x"), path)


@pytest.fixture(scope="module")
def app() -> FastAPI:
    """The app as mounted; its routes need no database to be listed."""
    return create_app(Settings(NEO4J_URI="bolt://127.0.0.1:1"))


def test_every_route_is_public_or_follows_the_access_rule(app: FastAPI) -> None:
    routes = routes_of(app)
    assert routes, "the app mounts no route?"
    paths = set()
    for route in routes:
        path = route.path
        paths.add(path)
        if isinstance(original(route), Mount):
            assert path in PUBLIC, f"{path} mounts an app the access rule does not cover"
            continue
        rules = rules_of(route)
        if path in PUBLIC:
            assert not rules, f"{path} is public and yet depends on {rules}"
            continue
        assert rules, (f"{path} ({sorted(getattr(route, 'methods', None) or ['WEBSOCKET'])}) "
                       "neither follows the access rule (an Access dependency) nor is public "
                       "(service.access_rule.PUBLIC)")
    assert paths >= {"/graphql", "/export/{format}", "/admin/load"} | PUBLIC
    for path in DESCRIPTIONS:
        for route in routes:
            if route.path == path:
                assert rules_of(route), f"{path} describes the API to anyone"


@pytest.fixture(scope="module")
def keys(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[dict[str, NewKey]]:
    database = neo4j_backend.settings.neo4j_database
    made = {role: create_key(sample_db, database, f"access rule {role}", role)
            for role in ("READER", "ADMIN")}
    made["revoked"] = create_key(sample_db, database, "access rule revoked", "ADMIN")
    revoke_key(sample_db, database, made["revoked"].id)
    yield made
    sample_db.execute_query("MATCH (k:ApiKey) WHERE k.name STARTS WITH 'access rule' "
                            "DETACH DELETE k", database_=database)


@pytest.fixture(scope="module")
def closed(keys: dict[str, NewKey], neo4j_backend: Backend) -> Iterator[str]:
    """A real server with anonymous reading off."""
    with serve(neo4j_backend.settings.model_copy(update={"anonymous_read": False})) as url:
        yield url


@pytest.fixture(scope="module")
def open_(keys: dict[str, NewKey], neo4j_backend: Backend) -> Iterator[str]:
    """A real server with anonymous reading on (the default)."""
    with serve(neo4j_backend.settings) as url:
        yield url


def fetch(url: str, method: str = "GET", key: str | None = None,
          authorization: str | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/json"}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    if authorization is not None:
        headers["Authorization"] = authorization
    data = b'{"query": "{ about { version } }"}' if method in ("POST", "PUT", "PATCH") else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def doors(app: FastAPI) -> list[tuple[str, str]]:
    """(method, concrete path) of every route that is not public."""
    found = []
    for route in routes_of(app):
        if route.path in PUBLIC or isinstance(original(route), Mount):
            continue
        for method in sorted(getattr(route, "methods", None) or []):
            found.append((method, concrete(route.path)))
    return found


def test_with_anonymous_reading_off_every_door_but_the_public_ones_answers_401(
        app: FastAPI, closed: str, keys: dict[str, NewKey]) -> None:
    checked = doors(app)
    assert ("POST", "/graphql") in checked and ("GET", "/export/csv") in checked
    for method, path in checked:
        for key, authorization in ((None, None), (keys["revoked"].key, None),
                                   (None, "Bearer ak_000000000000.guess"),
                                   (None, "Basic YWRtaW46YWRtaW4=")):
            status, headers, body = fetch(closed + path, method, key, authorization)
            assert status == 401, (method, path, key, authorization, status, body[:200])
            assert headers["www-authenticate"] == "Bearer"
            assert b"UNAUTHENTICATED" in body
    for path in DESCRIPTIONS:
        status, _, _ = fetch(closed + path)
        assert status in (401, 404), f"{path} answers {status} to an anonymous caller"


def test_the_public_routes_answer_anyone_and_tell_no_versions(
        closed: str, neo4j_backend: Backend, sample_db: neo4j.Driver) -> None:
    records, _, _ = sample_db.execute_query(
        "CALL dbms.components() YIELD versions RETURN versions[0] AS neo4j, gds.version() AS gds")
    for path in ("/healthz", "/readyz", "/", "/explorer/js/main.js",
                 "/explorer/vendor/cytoscape.esm.min.js", "/explorer/explorer.css"):
        assert fetch(closed + path)[0] == 200, path
    _, _, ready = fetch(closed + "/readyz")
    assert ready == b'{"status":"ready"}'
    assert records[0]["neo4j"].encode() not in ready and records[0]["gds"].encode() not in ready


def test_with_a_valid_key_each_door_opens_as_far_as_its_role(
        closed: str, keys: dict[str, NewKey]) -> None:
    reader, admin = keys["READER"].key, keys["ADMIN"].key
    status, headers, body = fetch(closed + "/export/csv?projection=ACTORS&countries=CL", key=reader)
    assert status == 200, body
    assert headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.read("edges.csv").startswith(b'"source","target","type","weight"\n')
    status, _, body = fetch(closed + "/graphql", "POST", key=reader)
    assert status == 200 and b'"version"' in body
    status, _, body = fetch(closed + "/admin/load", "POST", key=reader)
    assert (status, b"FORBIDDEN" in body) == (403, True)
    status, _, body = fetch(closed + "/admin/load", "POST", key=admin)
    assert (status, b"BAD_DATASET" in body) == (400, True)  # past the door, to the loader


def test_a_revoked_or_unknown_key_is_refused_even_where_anonymous_callers_may_read(
        open_: str, keys: dict[str, NewKey]) -> None:
    for method, path in (("GET", "/export/graphml"), ("GET", "/export/csv"),
                         ("GET", "/export/gexf?from=2010&to=2020"),
                         ("GET", "/initiative/INI-CL-001"),
                         ("POST", "/graphql"), ("GET", "/graphql?query={about{version}}"),
                         ("POST", "/admin/load")):
        for key in (keys["revoked"].key, keys["READER"].key[:-3] + "abc"):
            status, _, body = fetch(open_ + path, method, key)
            assert status == 401, (method, path, body[:200])
    status, _, body = fetch(open_ + "/export/csv?projection=ACTORS&countries=CL")
    assert status == 200, body  # anonymous reading is on: the export answers without a key


def test_the_graphql_websocket_is_no_door(neo4j_backend: Backend, sample_db: neo4j.Driver
                                          ) -> None:
    """No WebSocket protocol: a socket could run queries and mutations past GET and POST."""
    for anonymous_read in (False, True):
        settings = neo4j_backend.settings.model_copy(update={"anonymous_read": anonymous_read})
        with (TestClient(create_app(settings)) as client, pytest.raises(WebSocketDisconnect),
              client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws):
            ws.send_json({"type": "connection_init"})
            ws.receive_json()
