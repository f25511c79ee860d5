"""The applicant tracking systems careersite reads, by name. Each is a module of its own with the
same names (the Vendor protocol below): `careersite import` reads a saved answer with `looks_like`
and `drafts`; `careersite sync` fetches a live board with `fetch_board`, then reads it the same way.

To add an ATS: write the module, add it to VENDORS, test it against the vendor's documented
sample and a recorded answer (tests/ats_samples/).

A vendor whose answer is not JSON (Personio's XML feed) also has a module-level
`parse(raw: bytes) -> object` that turns the bytes into the data `looks_like` and `drafts` read;
every other vendor's answer is read with jsonfile.parse_json. read_answer() below applies it to a
saved file, for `import --from NAME` and `--from auto`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from . import greenhouse, lever, personio, recruitee, smartrecruiters, workable
from .draft import Draft, SourceError
from .jsonfile import parse_json, read_answer_bytes

Get = Callable[[str], bytes]  # an HTTP GET of a URL: the answer's body, or a FetchError (sync.http)


class Vendor(Protocol):
    NAME: str  # how people write it: 'Greenhouse'
    WHAT: str  # what its answer looks like, for the error when a file is not one
    API: str  # the public API's root, e.g. 'https://boards-api.greenhouse.io'; tests give their own

    def looks_like(self, data: object) -> bool:
        """Whether a parsed answer is this vendor's (for `import --from auto`)."""

    def drafts(self, data: object, name: str) -> list[Draft]:
        """Every posting in a parsed answer (a saved file or what fetch_board gave), as Drafts
        with their source_id set; `name` is where it came from, for the report."""

    def fetch_board(self, board: str, get: Get, api: str) -> object:
        """The whole public board `board` (every page, and each job's own answer where the list
        leaves out what careersite needs), as one answer `drafts` reads."""


VENDORS: dict[str, Vendor] = {"greenhouse": greenhouse, "lever": lever}  # type: ignore[dict-item]
VENDORS.update(workable=workable, recruitee=recruitee, smartrecruiters=smartrecruiters, personio=personio)  # type: ignore[arg-type]


# --- answers that are not JSON: the `parse` hook -------------------------------------------------


def parser_of(vendor: object) -> Callable[[bytes], object]:
    """The vendor's own `parse` (Personio's XML), else JSON."""
    return getattr(vendor, "parse", parse_json)


def read_answer(path: Path, kind: str) -> tuple[str, object]:
    """A saved answer read as vendor `kind`, or for 'auto' as the first vendor whose parser reads
    it and whose looks_like takes it: (vendor name, data). SourceError says what is wrong."""
    raw = read_answer_bytes(path)
    if kind != "auto":
        return kind, parser_of(VENDORS[kind])(raw)
    parsed: dict[Callable[[bytes], object], object] = {}
    for name, vendor in VENDORS.items():
        parser = parser_of(vendor)
        if parser not in parsed:
            try:
                parsed[parser] = parser(raw)
            except SourceError as err:
                parsed[parser] = err
        if not isinstance(parsed[parser], SourceError) and vendor.looks_like(parsed[parser]):
            return name, parsed[parser]
    if all(isinstance(data, SourceError) for data in parsed.values()):
        xml = raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
        raise next(e for p, e in parsed.items() if (p is not parse_json) == xml)  # the error of the format it looks like
    names = ", ".join(getattr(vendor, "NAME", name.title()) for name, vendor in VENDORS.items())
    raise SourceError(f"is not a job board response careersite reads ({names}); give --from")
