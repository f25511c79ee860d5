"""What reading one posting file gives, as the build passes it from loading to the planners, and
the key of what a listing shows of a posting."""

from __future__ import annotations

from dataclasses import dataclass

from .fingerprint import digest
from .posting import Posting
from .problems import Problem


def card_key(posting: Posting) -> str:
    """Changes when anything a listing shows of the posting does (not when only its description does)."""
    return digest(repr(posting.without_body()))


@dataclass(frozen=True)
class ParsedPosting:
    """What reading one posting file gives: the posting (None if invalid), its problems, its HTML.
    From the cache, `html` is None until asked for (BuildCache.body): a rebuild that renders no
    posting page never loads it. The text that search indexes is made from the HTML when needed
    (kept beside it, it took as much memory again: 140 MB at 10,000 postings)."""

    key: str  # hash of the file's bytes and all that parsing it depends on
    posting: Posting | None
    problems: tuple[Problem, ...]
    html: str | None = None
    summary: str = ""
    search_digest: str = ""  # hash of the description as plain text: the search index's key needs no text
    card: str = ""  # hash of the posting without its body: what listings show of it changed
