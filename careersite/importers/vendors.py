"""The applicant tracking systems careersite reads, by name. Each is a module of its own with the
same names (the Vendor protocol below): `careersite import` reads a saved answer with `looks_like`
and `drafts`; `careersite sync` fetches a live board with `fetch_board`, then reads it the same way.

To add an ATS: write the module, add its name to import_formats.ATS_NAMES, test it against the vendor's documented
sample and a recorded answer (tests/ats_samples/).

A vendor whose answer is not JSON (Personio's XML feed) also has a module-level
`parse(raw: bytes) -> object` that turns the bytes into the data `looks_like` and `drafts` read;
every other vendor's answer is read with jsonfile.parse_json. read_answer() below applies it to a
saved file, for `import --from NAME` and `--from auto`."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

from ..import_formats import ATS_NAMES
from .draft import Draft, SourceError
from .jsonfile import parse_json, read_answer_bytes

Get = Callable[[str], bytes]  # an HTTP GET of a URL: the answer's body, or a FetchError (http_client.py)


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


VENDORS: Mapping[str, Vendor] = _Vendors(ATS_NAMES)


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
    raise SourceError(unknown_shape())


def unknown_shape() -> str:
    """What an answer that no vendor recognises is told: the shapes careersite knows, and how
    to name one when a file is one of them in a shape careersite does not recognise."""
    known = "; ".join(f"{vendor.NAME} ({vendor.WHAT})" for vendor in VENDORS.values())
    return (f"is not a job board response careersite recognises. It knows: {known}. If the file is one of these, "
            f"name it with --from {'|'.join(VENDORS)}; a Markdown posting needs a .md name or --from markdown")
