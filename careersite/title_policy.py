"""The title policy: Google wants the job title only, so pay, codes, places, urgency, capitals,
decorations and the company's name in a posting's title are each warned about, with where they belong."""

from __future__ import annotations

import re
import unicodedata

from . import codes
from .config import SiteConfig
from .findings import WARNING, Add
from .posting import Posting

_MONEY = [
    re.compile(r"[$€£¥₹₩]\s?\d[\d,.]*(?:\s?[kKmM]\b)?"),
    re.compile(r"\d[\d,.]*\s?[kKmM]?\s?[$€£¥₹₩]"),
    re.compile(r"\b\d[\d,.]*\s?[kK]\b"),
    re.compile(r"(?i)(?:\bper|/)\s?(?:hour|hr|h|year|yr|annum|month|mo|week|wk|day)\b"),
    re.compile(r"(?i)\b(?:salary|OTE)\b"),
]
_CURRENCY_AMOUNT = re.compile(r"\b([A-Z]{3})\s?\d|\d\s?([A-Z]{3})\b")
_CODE = [
    re.compile(r"\b[A-Z]{2,5}-?\d{2,}\b"),  # ENG-1042, REQ123
    re.compile(r"#\s?\d+"),  # #123
    re.compile(r"(?i)\b(?:req|requisition|job|ref|reference|id)\b\.?\s*(?:#|no\.?|number|id)?\s*:?\s*\d+"),
    re.compile(r"\b\d{5,}\b"),  # a long bare number
]
_URGENT = re.compile(r"(?i)\b(?:urgent(?:ly)?(?!\s+care)|hiring\s+now|now\s+hiring|immediate(?:ly)?(?:\s+start)?|apply\s+(?:now|today)|asap)\b")
_WORKPLACE_WORDS = r"remote|hybrid|on-?site|in-?office|work\s+from\s+home|wfh|anywhere"
# a workplace word counts as a location when set apart: "Engineer (Remote)", "Remote - Engineer", "Engineer, Remote"
_WORKPLACE = re.compile(
    rf"(?i)(?:^|[-–—|/,:(\[]\s*)(?:{_WORKPLACE_WORDS})\s*(?:$|[-–—|/,:)\]])|\b(?:{_WORKPLACE_WORDS})\s*$"
)
_COUNTRY_ALIASES = {"US": ("USA", "U.S.", "U.S.A.", "America"), "GB": ("UK", "U.K.", "Britain", "Great Britain")}
_COMPANY_SUFFIX = re.compile(r"(?i)[\s,]+(?:inc|corp|corporation|co|company|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|bv|nv|pty|ab|oy|as)\.?$")


def _words_re(phrases) -> re.Pattern | None:
    phrases = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


def _place_names(posting: Posting) -> list[str]:
    names: list[str] = []
    countries = [loc.country for loc in posting.locations]
    for loc in posting.locations:
        names.append(loc.city)
        if loc.region:
            names.append(codes.subdivision_name(f"{loc.country}-{loc.region}") or "")
    for code in posting.applicant_locations:
        if "-" in code:
            names.append(codes.subdivision_name(code) or "")
            countries.append(code.split("-", 1)[0])
        else:
            countries.append(code)
    for country in countries:
        names.append(codes.country_name(country) or "")
        names += _COUNTRY_ALIASES.get(country, ())
    return names


def _is_shouting(title: str) -> bool:
    """All caps: two or more words all in capitals, one of them 4+ letters ("QA ENGINEER"), or two
    long words in capitals ("URGENT: SENIOR ENGINEER (Remote)"); acronyms ("QA", "VP, HR",
    "SAP HANA ABAP Developer") are fine."""
    words = re.findall(r"[^\W\d_]+", title)
    upper = [w for w in words if w.isupper()]
    if len(words) >= 2 and len(upper) == len(words) and any(len(w) >= 4 for w in upper):
        return True
    return len([w for w in upper if len(w) >= 6]) >= 2


def _company_in_title(title: str, company: str) -> bool:
    if _words_re([company]).search(title):
        return True
    core = _COMPANY_SUFFIX.sub("", company).strip()
    if core == company or len(core) < 3:
        return False
    # a bare "Acme" may be part of a real title only when it is set apart as the company's name
    set_apart = re.compile(
        rf"(?:\b(?:at|with|join|@)\s+{re.escape(core)}\b)|(?:^{re.escape(core)}\s*[-–—|:])|(?:[-–—|:(]\s*{re.escape(core)}\)?\s*$)|(?:@{re.escape(core)}\b)",
        re.I,
    )
    return bool(set_apart.search(title))


def check_title(posting: Posting, config: SiteConfig, add: Add) -> None:
    title = posting.title

    def warn(code: str, message: str) -> None:
        add("title", WARNING, code, f"{title!r} {message}; Google wants the job title only")

    money = [m.group(0) for rx in _MONEY for m in rx.finditer(title)]
    money += [m.group(0) for m in _CURRENCY_AMOUNT.finditer(title) if codes.is_currency(m.group(1) or m.group(2))]
    if money:
        warn("title-has-salary", f"shows pay ({money[0].strip()!r}); put it in salary")
    rest = title
    for rx in _MONEY:
        rest = rx.sub(" ", rest)
    code_hits = [m.group(0) for rx in _CODE for m in rx.finditer(rest)]
    if posting.id and _words_re([posting.id]).search(title):
        code_hits.insert(0, posting.id)
    if code_hits:
        warn("title-has-code", f"holds a requisition code ({code_hits[0].strip()!r}); put it in id")
    places = _words_re(_place_names(posting))
    place = places.search(title) if places else None
    workplace = _WORKPLACE.search(title)
    if place or workplace:
        what = place.group(0) if place else workplace.group(0).strip(" -–—|/,:()[]")
        warn("title-has-location", f"names a location or workplace ({what!r}); locations and workplace say that")
    urgent = _URGENT.search(title)
    if urgent:
        warn("title-urgent", f"says {urgent.group(0)!r}; no urgency or hiring calls")
    if _is_shouting(title):
        warn("title-all-caps", "is written in capitals; write it as a title, e.g. 'Senior Data Engineer'")
    decorations = sorted({ch for ch in title if ch in "!*" or unicodedata.category(ch) == "So"})
    if decorations:
        warn("title-decorated", f"has decorations ({' '.join(decorations)}); no '!', '*', emoji or symbols")
    if _company_in_title(title, config.company.name):
        warn("title-has-company", f"names the company ({config.company.name}); hiringOrganization says that")
