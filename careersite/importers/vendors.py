"""The applicant tracking systems careersite reads, by name. Each is a module of its own with the
same names (the Vendor protocol below): `careersite import` reads a saved answer with `looks_like`
and `drafts`; `careersite sync` fetches a live board with `fetch_board`, then reads it the same way.

To add an ATS: write the module, add it to VENDORS, test it against the vendor's documented
sample and a recorded answer (tests/ats_samples/)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Protocol

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
        answer holds but the vendor does not publish is a Draft marked skipped (Draft.skip)."""

    def fetch_board(self, board: str, get: Get, api: str) -> object:
        """The whole public board `board` (every page, and each job's own answer where the list
        leaves out what careersite needs), as one answer `drafts` reads."""


class _Vendors(Mapping[str, Vendor]):
    """The vendor modules by name, each imported when first asked for: the command line lists
    the names in its help without loading every importer (and the HTML converter) each time."""

    def __init__(self, names: tuple[str, ...]):
        self.names = names

    def __getitem__(self, name: str) -> Vendor:
        if name not in self.names:
            raise KeyError(name)
        return importlib.import_module(f"{__package__}.{name}")  # type: ignore[return-value]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


VENDORS: Mapping[str, Vendor] = _Vendors(("greenhouse", "lever", "ashby"))
