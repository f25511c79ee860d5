"""The applicant tracking systems careersite reads, by name. Each is a module of its own with the
same names (the Vendor protocol below): `careersite import` reads a saved answer with `looks_like`
and `drafts`; `careersite sync` fetches a live board with `fetch_board`, then reads it the same way.

To add an ATS: write the module, add it to VENDORS, test it against the vendor's documented
sample and a recorded answer (tests/ats_samples/)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from . import ashby, greenhouse, lever
from .draft import Draft

Get = Callable[[str], bytes]  # an HTTP GET of a URL: the answer's body, or a FetchError (sync.http)


class Vendor(Protocol):
    NAME: str  # how people write it: 'Greenhouse'
    WHAT: str  # what its answer looks like, for the error when a file is not one
    API: str  # the public API's root, e.g. 'https://boards-api.greenhouse.io'; tests give their own

    def looks_like(self, data: object) -> bool:
        """Whether a parsed answer is this vendor's (for `import --from auto`)."""

    def drafts(self, data: object, name: str) -> list[Draft]:
        """Every posting in a parsed answer (a saved file or what fetch_board gave), as Drafts
        with their source_id set; `name` is where it came from, for the report. A posting the
        answer holds but the vendor does not publish is a Draft whose fields are {"skip": why}."""

    def fetch_board(self, board: str, get: Get, api: str) -> object:
        """The whole public board `board` (every page, and each job's own answer where the list
        leaves out what careersite needs), as one answer `drafts` reads."""


VENDORS: dict[str, Vendor] = {"greenhouse": greenhouse, "lever": lever, "ashby": ashby}  # type: ignore[dict-item]
