"""Counts as a person reads them in the terminal: '1 draft', '0 drafts', '3 problems'."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str = "") -> str:
    """'1 posting', '2 postings'; `plural` for nouns that do not just take an s."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
