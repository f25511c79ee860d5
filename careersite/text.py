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
