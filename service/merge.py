"""Merging two actors found to be one: the ties of the one that goes move to the one that
stays, in one transaction with its audit entry (`mergeActors`, ADMIN keys)."""

from __future__ import annotations

from typing import Any

import neo4j

from loaders.cypher_run import run
from service.audit import Who
from service.errors import BadUserInput, NotFound
from service.messages import msg
from service.writes import Outcome, _guard, _image, _Written, commit, read_entity

ACTORS = ("Firm", "Institution")


def merge_actors(driver: neo4j.Driver, database: str, who: Who, operation: str,
                 keep: str, remove: str) -> Outcome:
    """Move every tie of actor `remove` to actor `keep` (of the same kind) and delete
    `remove`; NOT_FOUND when either is not an actor, BAD_USER_INPUT when they are one actor
    or of different kinds. The audit entry holds both before, and what moved."""
    _guard(keep != remove, BadUserInput(msg("error.merge.itself", id=keep), field="remove"))
    moved: dict[str, int] = {}

    def work(tx: neo4j.ManagedTransaction) -> tuple[Any, _Written]:
        found = {}
        for name, entity_id in (("keep", keep), ("remove", remove)):
            read = read_entity(tx, database, entity_id)
            _guard(read is not None and read[0]["entity"] in ACTORS,
                   NotFound(msg("error.merge.not_actor", id=entity_id), field=name))
            assert read is not None
            found[name] = read[0]
        kinds = found["keep"]["entity"], found["remove"]["entity"]
        _guard(kinds[0] == kinds[1], BadUserInput(msg(
            "error.merge.kinds", keep=keep, keep_kind=kinds[0].upper(), remove=remove,
            remove_kind=kinds[1].upper()), field="remove"))
        moved.update(run(tx, "mutations/merge_actors", keep=keep, remove=remove)[0])
        return found, _Written(removed=1)

    def after(tx: neo4j.ManagedTransaction) -> Any:
        return {"keep": _image(tx, database, keep), "relationshipsMoved": moved["moved"],
                "relationshipsDropped": moved["dropped"]}

    return commit(driver, database, who, operation, [keep, remove], work, after,
                  node_id=keep)
