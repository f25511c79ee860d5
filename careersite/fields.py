"""Field: one setting that knows its type and checks its own value, so a reader declares a table of
fields instead of writing a function of ifs (as mkdocs' config options do)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .problems import brief

Check = Callable[[Any], Iterable[str]]  # a value of the field's type -> the problems with it


def no_check(value: Any) -> Iterable[str]:
    return ()


def must(test: Callable[[Any], object], say: Callable[[Any], str]) -> Check:
    """A check from a test and the message for a value that fails it."""
    return lambda value: () if test(value) else (say(value),)


@dataclass(frozen=True)
class Field:
    """A setting's name, the parsed types it may have, how a message describes them, and its check.

    The check only sees values of the right type, so it never guards against a list where text
    belongs; a wrong type is one problem (`wrong_kind`), not two."""

    key: str
    kinds: tuple[type, ...]
    expected: str  # "a string", "a table": completes "<value> is not ..."
    check: Check = no_check
    required: str = ""  # for a field that must be given: what to write, e.g. 'name = "Your company"'

    def fits(self, value: Any) -> bool:
        return isinstance(value, self.kinds)

    def wrong_kind(self, value: Any) -> str:
        return f"{brief(value)} is not {self.expected}"
