"""The command line's words from the catalogues: argparse's own (usage, options, its errors)
and the help of every command and option."""

from __future__ import annotations

import argparse

from service.messages import say

# argparse's texts (Python 3.11), by their gettext id; its %-placeholders stay in the
# catalogue's texts and argparse fills them.
ARGPARSE = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positional",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "the following arguments are required: %s": "cli.argparse.required",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "not allowed with argument %s": "cli.argparse.not_allowed",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "expected one argument": "cli.argparse.expected_one",
    "expected at least one argument": "cli.argparse.expected_some",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "ignored explicit argument %r": "cli.argparse.ignored",
    "can't open '%(filename)s': %(error)s": "cli.argparse.cannot_open",
}


def argparse_word(text: str) -> str:
    """argparse's `text` in the command's language (its own English when unknown)."""
    key = ARGPARSE.get(text)
    return say(key) if key is not None else text


def speak_argparse() -> None:
    """Make argparse word its texts from the catalogues: it looks its gettext function up
    in its own module each time it words one."""
    setattr(argparse, "_", argparse_word)  # noqa: B010
