"""URL slugs: one rule for postings, departments, locations and pages, so links and files agree."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)  # the same departments and cities come back on every page
def slugify(text: str) -> str:
    """'Customer Success (EMEA)' -> 'customer-success-emea'; '' when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-")
