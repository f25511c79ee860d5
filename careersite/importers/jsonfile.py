"""Reading an ATS answer (a saved file or a live one) as JSON, and the small checks every ATS importer shares."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .draft import SourceError

MAX_JSON_BYTES = 50_000_000  # a whole board with descriptions is a few MB; refuse what cannot be one


def read_answer_bytes(path: Path) -> bytes:
    """A saved answer's bytes, whatever its format (vendors.read_answer parses XML ones too)."""
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise SourceError(f"is larger than {MAX_JSON_BYTES:,} bytes; not a job board response")
        return path.read_bytes()
    except OSError as err:
        raise SourceError(f"cannot be read: {err.strerror}") from None


def parse_json(raw: bytes) -> object:
    """A saved file's or an API answer's bytes as JSON; SourceError says what is wrong, and where."""
    if len(raw) > MAX_JSON_BYTES:
        raise SourceError(f"is larger than {MAX_JSON_BYTES:,} bytes; not a job board response")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SourceError(f"is not UTF-8 text (bad byte at offset {err.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceError(f"is not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}") from None


def text_of(value: object) -> str:
    """A JSON string value with its whitespace collapsed; '' for anything else (null, numbers)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def listed_records(data: object, looks_like: Callable[[object], bool], what: str, key: str) -> list[dict]:
    """The job objects of an answer that looks_like the vendor's: its list under `key`, or the
    one job the answer is. SourceError otherwise."""
    if not looks_like(data):
        raise SourceError(f"is not {what}")
    assert isinstance(data, dict)  # what looks_like takes is an object
    return records(data[key], what) if key in data else [data]


def records(items: object, what: str) -> list[dict]:
    """The job objects of a response: a list of JSON objects (their fields are checked later)."""
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise SourceError(f"is not {what}")
    return items
