"""Rendered HTML as plain text: excerpts, meta descriptions, search text. No Markdown needed."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """Rendered HTML as one line of plain text (for excerpts and meta descriptions)."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())  # str.split: the same whitespace as \s, in C


def excerpt(fragment: str, limit: int = 160) -> str:
    """The first paragraph's text, cut at a word boundary to `limit` characters."""
    match = re.search(r"<p>(.*?)</p>", fragment, re.S)
    text = plain_text(match.group(1) if match else fragment)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|dt|dd|td|th|pre|blockquote|tr)>|<br\s*/?>", re.I)


_TAG_IN_PART = re.compile(r"<[^>\x00]+>")


def description_text(fragment: str) -> str:
    """A rendered description as plain text, one line per paragraph, list item or heading, so that
    Pagefind's excerpts break where the page does. (plain_text of each part, done on all parts at
    once joined by NUL, which HTML text cannot produce: a tenth of the calls.)"""
    if "\x00" in fragment:
        lines = [plain_text(part) for part in _BLOCK_END.split(fragment)]
    else:
        joined = html.unescape(_TAG_IN_PART.sub(" ", "\x00".join(_BLOCK_END.split(fragment))))
        lines = [" ".join(part.split()) for part in joined.split("\x00")]
    return "\n".join(line for line in lines if line)
