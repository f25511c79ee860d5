"""Problems found in a site's files: data with a file and a line, collected and reported together."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file; `line` is 1-based, 0 when the whole file is at fault."""

    path: str
    line: int
    field: str
    message: str
    code: str = ""  # the kebab-case code `careersite check` reports it under; "" for the general "invalid"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class ContentError(Exception):
    """Raised when a build cannot go on; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # raised in a worker process, re-raised in the parent
        return (ContentError, (self.problems,))


@dataclass
class Problems:
    """A collector that the readers append to, so one bad file never hides errors in the others."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, field_name: str, message: str, code: str = "") -> None:
        self.items.append(Problem(path, line, field_name, message, code))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A ' (did you mean x?)' suffix when a close match exists, else ''."""
    match = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]}?)" if match else ""


def one_of(value: object, choices: Iterable[str]) -> str:
    """The standard message for a value outside a fixed set."""
    choices = list(choices)
    return f"{brief(value)} is not one of {', '.join(choices)}{did_you_mean(str(value), choices)}"


_KINDS = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}


def kind_of(value: object) -> str:
    """What a YAML value is, in an author's words: 'a list', 'a number'."""
    return "empty" if value is None else _KINDS.get(type(value), type(value).__name__)


def brief(value: object, limit: int = 60) -> str:
    """A value quoted for a message, cut short so a huge value cannot flood the terminal."""
    text = repr(value) if not isinstance(value, (list, dict)) or len(value) < 10 else f"{kind_of(value)} of {len(value)}"
    return text if len(text) <= limit else text[: limit - 1] + "…"
