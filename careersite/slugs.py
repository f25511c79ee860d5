"""URL slugs: one rule for postings, departments, locations and pages, so links and files agree.

A slug keeps the letters of every script. Latin text is folded to ASCII exactly as careersite
always did ('Zürich' -> 'zurich'), so no existing site's URLs move; letters, digits and the marks
that spell words in other scripts are kept as they are, in NFKC and lower-cased where the script
has case ('Продажи' -> 'продажи', '営業' -> '営業'). Such a slug is the folder's name on disk
(UTF-8) and an IRI in links; `url_path` percent-encodes it wherever a URL must be ASCII."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

_NON_WORD = re.compile(r"[^a-z0-9]+")
# after folding, every non-ASCII character left is a kept letter, digit or mark of another script
_SEPARATOR = "\ue000"  # stands for a separator until joined; private use, so no name's own character
_SEPARATORS = re.compile("[\x00-\x2f\x3a-\x60\x7b-\x7f\ue000]+")

# Marks that a word may carry or not and still be the same word: Arabic harakat, Quranic signs and
# the tatweel (a stretching stroke), Hebrew points and cantillation, and the general combining
# accents (stress marks on Cyrillic, the Latin rule's own). Kept, they would give one word two URLs.
_OPTIONAL_MARKS = re.compile(
    "[\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_MODIFIER_LETTERS = range(0x02B0, 0x0300)  # ʻ ʼ ˈ: Latin orthography's, dropped as before


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """How one character of a name enters its slug (before lower-casing): its ASCII folding when it
    has one; itself when it is a letter, digit or spelling mark of a script other than Latin; a
    separator when it is punctuation, a space or a symbol; else nothing (as 'ß' always was)."""
    ascii_form = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    if ascii_form or char.isascii():
        return ascii_form
    category = unicodedata.category(char)
    if category[0] in "LMN":
        latin = "LATIN" in unicodedata.name(char, "") or ord(char) in _MODIFIER_LETTERS
        return "" if latin or _OPTIONAL_MARKS.match(char) else char
    return _SEPARATOR if category[0] in "PZS" else ""


@lru_cache(maxsize=1 << 16)  # the same departments and cities come back on every page
def slugify(text: str) -> str:
    """'Customer Success (EMEA)' -> 'customer-success-emea', 'Продажи' -> 'продажи'; '' when
    nothing usable is left.

    A name with no letter of another script gives the slug it always gave: each character
    becomes its NFKD form's ASCII (non-ASCII punctuation vanishes, 'Café–Bar' -> 'cafebar'). In a
    name that holds other scripts, punctuation and spaces of any kind separate words
    ('営業・企画' -> '営業-企画'), since those scripts write their own."""
    folded = [_fold(char) for char in unicodedata.normalize("NFKC", text)]
    if not any(len(part) == 1 and not part.isascii() and part != _SEPARATOR for part in folded):
        ascii_text = "".join(part for part in folded if part != _SEPARATOR)
        return _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    mixed = unicodedata.normalize("NFC", "".join(folded).lower())
    return _SEPARATORS.sub("-", mixed).strip("-")


def url_path(path: str) -> str:
    """A site path as an ASCII URL path: '/departments/営業/' -> '/departments/%E5%96%B6%E6%A5%AD/'.
    For every URL a machine reads (sitemap, feeds, JSON-LD, canonical, _redirects): RFC 3986 allows
    only ASCII there. What is already ASCII and allowed in a path stays as it is ('%' too, so a path
    already encoded is not encoded twice)."""
    return quote(path, safe="/:@!$&'()*+,;=%~")
