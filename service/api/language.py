"""The `language` argument of fields that word texts, and a text's key and parameters for
clients that word it themselves."""

from enum import Enum

import strawberry
from strawberry.scalars import JSON

from service.api.context import Info
from service.messages import Message


@strawberry.enum(description="A language Articula words its texts in.")
class Language(Enum):
    ES = "es"
    EN = "en"
    PT = "pt"


LANGUAGE_ARGUMENT = strawberry.argument(
    description="The language of the texts (and of errors) of this field; absent: the "
    "request's Accept-Language, else the service's ARTICULA_LANGUAGE.")


def chosen(info: Info, language: Language | None) -> str:
    """The argument's language, else the request's."""
    return language.value if language is not None else info.context.language


@strawberry.type(description="A text as its catalogue key and parameters: the same for every "
                 "language, for dashboards that word it themselves.")
class MessageRef:
    key: str = strawberry.field(description="Stable catalogue key, e.g. gap.ungoverned.")
    parameters: JSON = strawberry.field(description="The named values the text is made of.")


def message_ref(message: Message) -> MessageRef:
    return MessageRef(key=message.key, parameters=JSON(dict(message.params)))
