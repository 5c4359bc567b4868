"""One caller cannot start analytic computations without end: past
ARTICULA_MAX_CONCURRENT_ANALYSES running at once it is answered BUSY, with a retry hint."""

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest

from service.analytics.slots import RETRY_AFTER_S, caller, take_slot
from service.database import Database
from service.errors import Busy
from tests.neo4j_backends import Backend
from tests.service.hostile.served_app import post, served


@pytest.fixture(scope="module")
def url(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[str]:
    settings = neo4j_backend.settings.model_copy(update={"max_concurrent_analyses": 1})
    with served(settings) as (base, _):
        yield base


def centralities(*damping: float) -> str:
    """One request asking for PageRank with each damping factor: one computation each."""
    return "{ " + " ".join(
        f'c{i}: centrality(metric: PAGERANK, projection: ACTORS, dampingFactor: {d}, top: 1) '
        "{ items { id } provenance { cached } }" for i, d in enumerate(damping)) + " }"


def test_a_flood_of_analyses_from_one_caller_answers_busy_with_retry_after(url: str) -> None:
    answer = post(url, centralities(0.5, 0.55, 0.6, 0.65, 0.7, 0.75)).json()
    busy = [e for e in answer["errors"] if e["extensions"]["code"] == "BUSY"]
    assert busy, answer
    assert busy[0]["extensions"] == {"code": "BUSY", "retryAfter": RETRY_AFTER_S, "limit": 1}
    assert "ARTICULA_MAX_CONCURRENT_ANALYSES" in busy[0]["message"]
    # asked again one at a time, as BUSY advises, each is computed: a slot is free again
    # once its computation ends (those the flood started go on in the background)
    for damping in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75):
        assert "errors" not in answered(url, centralities(damping))


def answered(url: str, query: str) -> dict[str, Any]:
    """The answer to `query`, asked again while it is BUSY (sooner than `retryAfter` says:
    the sample's computations take milliseconds)."""
    deadline = time.monotonic() + 60
    while True:
        answer: dict[str, Any] = post(url, query).json()
        codes = {e["extensions"]["code"] for e in answer.get("errors", [])}
        if codes != {"BUSY"} or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)


def test_answers_from_the_cache_take_no_slot(url: str) -> None:
    first = post(url, centralities(0.8)).json()
    assert first["data"]["c0"]["provenance"]["cached"] is False
    again = post(url, centralities(0.8, 0.8, 0.8, 0.8, 0.8, 0.8)).json()
    assert "errors" not in again, again["errors"]
    assert {c["provenance"]["cached"] for c in again["data"].values()} == {True}


def test_each_caller_has_slots_of_its_own(neo4j_backend: Backend) -> None:
    settings = neo4j_backend.settings.model_copy(update={"max_concurrent_analyses": 2})
    db = Database(settings)
    try:
        caller.set("key:a")
        releases = [take_slot(db, "one"), take_slot(db, "two")]
        with pytest.raises(Busy) as refusal:
            take_slot(db, "three")
        assert refusal.value.extensions["retryAfter"] == RETRY_AFTER_S
        caller.set("address:192.0.2.7")
        other = take_slot(db, "another caller's")
        caller.set("key:a")
        releases.pop()()
        releases.append(take_slot(db, "three, once two ended"))
        for release in [*releases, other]:
            release()
    finally:
        caller.set(None)
        asyncio.run(db.close())
