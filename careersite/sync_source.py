"""What `careersite sync` reads from and what a synced posting remembers: a board written
'greenhouse:acme', and a posting's `source: greenhouse:acme/4012345`.

Kept apart from sync.py so careersite.toml's [sync] settings and the posting's `source` field can
check their values without importing the importers (which import the config): the vendors' names
come from import_formats.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .import_formats import ATS_NAMES

_BOARD = re.compile(r"([a-z][a-z0-9_]*):([^\s/]+)")
_REF = re.compile(r"([a-z][a-z0-9_]*):([^\s/]+)/(\S+)")
EXAMPLE_BOARD = "greenhouse:acme"
EXAMPLE_REF = "greenhouse:acme/4012345"


@dataclass(frozen=True, order=True)
class Board:
    """One ATS board: the vendor's key in importers.vendors.VENDORS and its board token."""

    vendor: str
    token: str

    def __str__(self) -> str:
        return f"{self.vendor}:{self.token}"

    def ref(self, source_id: str) -> str:
        """What a posting from this board records as its `source`."""
        return f"{self}/{source_id}"


def vendor_names() -> list[str]:
    return sorted(ATS_NAMES)


def board_problem(text: str) -> str:
    """Why `text` is not a board careersite can sync ('' when it is)."""
    match = _BOARD.fullmatch(text.strip())
    names = vendor_names()
    if not match:
        return f"{text!r} is not VENDOR:BOARD such as {EXAMPLE_BOARD!r} (vendors: {', '.join(names)})"
    if match.group(1) not in names:
        return f"{match.group(1)!r} in {text!r} is not an ATS careersite syncs; expected one of {', '.join(names)}"
    return ""


def parse_board(text: str) -> Board:
    """A checked 'vendor:board' (board_problem says what is wrong first)."""
    if problem := board_problem(text):
        raise ValueError(problem)
    vendor, token = text.strip().split(":", 1)
    return Board(vendor, token)


def ref_board(ref: str) -> tuple[str, str] | None:
    """'greenhouse:acme/4012345' -> ('greenhouse:acme', '4012345'); None for anything else."""
    match = _REF.fullmatch(ref.strip())
    return (f"{match.group(1)}:{match.group(2)}", match.group(3)) if match else None
