"""`matchmaking`: who an initiative should meet, what a programme could support, who could
supply an anchor firm."""

from typing import Annotated

import strawberry

from service import matchmaking as mm
from service import network as net
from service.analytics.slots import analysis_slot
from service.api.context import Info
from service.api.language import LANGUAGE_ARGUMENT, Language, MessageRef, chosen, message_ref
from service.api.scope import ScopeInput, scope_of
from service.language import speaking
from service.messages import msg


@strawberry.type(description="What a suggestion is.")
class Suggestion:
    id: strawberry.ID
    name: str
    kind: str = strawberry.field(description="Initiative or Firm.")


@strawberry.type(description="One part of a match's score, from 0 to 1.")
class ScoreComponent:
    name: str
    value: float


@strawberry.type(description="A suggested match, with its score and the reasons for it.")
class Match:
    suggestion: Suggestion
    score: float = strawberry.field(
        description="The weighted sum of the components; docs/matchmaking.md has the weights.")
    reasons: list[str] = strawberry.field(
        description="Plain sentences, strongest first, in the chosen language.")
    reason_messages: list[MessageRef] = strawberry.field(
        description="The reasons as catalogue keys and parameters, in the same order.")
    components: list[ScoreComponent]


@strawberry.type(description="Suggested matches, best first, and why there are none when the "
                 "list is empty.")
class Matchmaking:
    matches: list[Match]
    empty_reason: str | None = strawberry.field(
        description="Why nothing is suggested, in the chosen language; null when there are "
        "matches.")
    empty_reason_message: MessageRef | None = strawberry.field(
        description="The same as a catalogue key and parameters.")


@strawberry.type
class MatchmakingQuery:
    @strawberry.field(description="For an initiative: the k in-scope initiatives it is not "
                      "yet linked with (no collaboration, no shared actor) that it should "
                      "meet. For a programme: initiatives it could support. For a firm (an "
                      "anchor): candidate suppliers in its region or country and value chain. "
                      "An empty list comes with the reason. Unknown id: NOT_FOUND; an "
                      "institution: BAD_USER_INPUT.")
    async def matchmaking(self, info: Info, id: strawberry.ID, k: int = 10,
                          scope: ScopeInput | None = None,
                          language: Annotated[Language | None, LANGUAGE_ARGUMENT] = None,
                          ) -> Matchmaking:
        lang = chosen(info, language)
        with speaking(lang):
            checked = scope_of(scope)
            await net.check_codes(info.context.db, checked)
            with analysis_slot(info.context.db, msg("analysis.matchmaking")):
                found = await mm.matchmaking(info.context.db, str(id), k, checked)
        reason = found.none_because
        return Matchmaking(matches=[
            Match(
                suggestion=Suggestion(id=strawberry.ID(m.id), name=m.name, kind=m.kind),
                score=m.score, reasons=[r.render(lang) for r in m.reasons],
                reason_messages=[message_ref(r) for r in m.reasons],
                components=[ScoreComponent(name=n, value=v) for n, v in m.components.items()],
            )
            for m in found.matches
        ], empty_reason=reason.render(lang) if reason is not None else None,
            empty_reason_message=message_ref(reason) if reason is not None else None)
