"""The table of front matter keys other static site generators' job postings use (Jekyll, Hugo,
Gatsby, Eleventy), after normal_key() spells them one way: each key's handler reads its value into
the Draft (through the same readers as the body's labels, labels.py) and answers whether it used
it; a value it did not use is kept under `imported.fields` by foreign_front_matter.py."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..places import Places, parse_places
from . import values
from .draft import Draft
from .labels import EMAIL, HANDLERS, apply_url, clean_inline, keyword_list, left_out_note, skill_terms




@dataclass
class Reading:
    """One foreign front matter as it is read: what places said, what is kept, what is dropped."""

    draft: Draft
    places: Places = field(default_factory=Places)
    place_texts: list[str] = field(default_factory=list)
    place_parts: dict[str, str] = field(default_factory=dict)  # city, region, country keys
    kept: dict[str, object] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    imported: dict[str, object] = field(default_factory=dict)  # language, translation_key
    old_url: str = ""
    flagged_draft: str = ""  # 'archived: true'


KeyHandler = Callable[[Reading, str, object], bool]  # True when the value was used (not kept)


def normal_key(key: object) -> str:
    """'job_title', 'jobTitle', 'Job-Title' -> 'job title': one spelling for the table."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", str(key))
    return " ".join(re.split(r"[\s_\-.]+", text.lower())).strip()


def as_text(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(as_text(item) for item in value if item is not None)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return " ".join(str(value).split()) if value is not None else ""


def _label(handler_key: str) -> KeyHandler:
    """A key read like the body label of the same meaning (labels.py), so front matter and body
    lines agree on what 'Full time' or '$80-100k' means."""
    def read(r: Reading, key: str, value: object) -> bool:
        text = as_text(value)
        if not text:
            return True
        before = dict(r.draft.fields)
        understood = HANDLERS[handler_key](r.draft, text, r.places)
        mark_source(r.draft, before, f"front matter {key}")
        return understood
    return read


def mark_source(draft: Draft, before: dict[str, object], source: str) -> None:
    """Say where the fields just set came from, on the report lines they added."""
    for index, line in enumerate(draft.inferred):
        name = line.split(":", 1)[0]
        if name in draft.fields and draft.fields[name] is not before.get(name) and "[" not in line:
            draft.inferred[index] = f"{line} [{source}]"


def _title(r: Reading, key: str, value: object) -> bool:
    """The first title-like key wins; another ('position: 3', a menu order on some sites) is kept."""
    text = as_text(value)
    if not text or "title" in r.draft.fields or not isinstance(value, str):
        return False
    r.draft.set("title", text, f"{text!r} [front matter {key}]")
    return True


def _text_field(name: str) -> KeyHandler:
    def read(r: Reading, key: str, value: object) -> bool:
        if isinstance(value, list) and len(value) == 1:
            value = value[0]  # 'departments: [Engineering]'
        if isinstance(value, (dict, list)) or not as_text(value):
            return False  # several departments, or a mapping: kept for a human to choose
        text = as_text(value)
        r.draft.set(name, text, f"{text!r} [front matter {key}]")
        return True
    return read


def _place(r: Reading, key: str, value: object) -> bool:
    text = as_text(value)
    if text:
        r.place_texts.append(text)
        r.places.merge(parse_places(text))
    return bool(text)


def _place_part(part: str) -> KeyHandler:
    def read(r: Reading, key: str, value: object) -> bool:
        text = as_text(value)
        if text:
            r.place_parts[part] = text
        return bool(text)
    return read


def _remote(r: Reading, key: str, value: object) -> bool:
    text = as_text(value).lower()
    if value is True or text in ("yes", "true", "remote", "fully remote", "100%"):
        r.places.set_workplace("remote")
        r.draft.inferred.append(f"workplace: remote [front matter {key}: {value!r}]")
    elif value is False or text in ("no", "false", "onsite", "on-site", "0", "0%"):
        r.draft.inferred.append(f"workplace: not remote [front matter {key}: {value!r}]")
    elif "hybrid" in text or "partial" in text:
        r.places.set_workplace("hybrid")
        r.draft.inferred.append(f"workplace: hybrid [front matter {key}: {value!r}]")
    else:
        r.places.merge(parse_places(text))
        r.place_texts.append(text)
    return True


def _maybe_employment(r: Reading, key: str, value: object) -> bool:
    """`type` is an employment type on some job sites and Hugo's layout type ('section') on others:
    used when it reads as one, kept under imported otherwise, never reported as a wrong type."""
    text = as_text(value)
    if not values.employment_types(text):
        return False
    return _label("employment type")(r, key, value)


def _date(name: str) -> KeyHandler:
    def read(r: Reading, key: str, value: object) -> bool:
        if isinstance(value, bool):
            return False
        found = _date_value(value)
        if found is None:
            r.draft.missing(name, f"{key}: {as_text(value)!r} is not a date careersite can read; write YYYY-MM-DD")
            return False
        how = f"{found.isoformat()} [front matter {key}" + ("]" if as_text(value) == found.isoformat() else f": {as_text(value)!r}]")
        r.draft.set(name, found, how)
        return True
    return read


def _date_value(value: object) -> dt.date | None:
    """The day a date, a date-time or a date text names (a time of day is not kept: old sites
    stamp build times, not the moment a role opened)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = as_text(value)
    parsed = values.iso_date_time(text) if "T" in text or " " in text.strip() and ":" in text else None
    return parsed.date() if parsed else values.date_from(text)


def _posted_or_published(r: Reading, key: str, value: object) -> bool:
    """`published: false` hides a page on Jekyll; `published: 2019-03-06` is a date on others."""
    if isinstance(value, bool) or as_text(value).lower() in ("yes", "no", "true", "false"):
        return _draft_flag(hidden_when=False)(r, key, value)
    return _date("date_posted")(r, key, value)


def _draft_flag(hidden_when: bool) -> KeyHandler:
    def read(r: Reading, key: str, value: object) -> bool:
        flag = value if isinstance(value, bool) else as_text(value).lower() in ("yes", "true")
        if flag == hidden_when and not r.flagged_draft:
            r.flagged_draft = f"{key}: {str(value).lower()}"
        return isinstance(value, bool) or as_text(value).lower() in ("yes", "no", "true", "false")
    return read


def _status(r: Reading, key: str, value: object) -> bool:
    text = as_text(value).lower()
    if text in ("closed", "filled", "archived", "expired", "inactive", "draft", "upcoming"):
        r.flagged_draft = r.flagged_draft or f"{key}: {text}"
        return True
    return text in ("open", "active", "published", "live")


def _apply(r: Reading, key: str, value: object) -> bool:
    text = as_text(value)
    if EMAIL.fullmatch(text):
        text = f"mailto:{text}"
    before = dict(r.draft.fields)
    understood = apply_url(r.draft, text, r.places)
    mark_source(r.draft, before, f"front matter {key}")
    if not understood:
        r.draft.missing("apply_url", f"{key}: {text!r} is neither a web address nor an e-mail address")
    return understood


def _summary(r: Reading, key: str, value: object) -> bool:
    text = clean_inline(as_text(value))
    if not text or "summary" in r.draft.fields:
        return False
    r.draft.set("summary", text, f"{len(text)} characters [front matter {key}]")
    return True


def _keywords(r: Reading, key: str, value: object) -> bool:
    raw = [as_text(v) for v in value] if isinstance(value, list) else keyword_list(as_text(value))
    terms, left_out = skill_terms([t for t in raw if t])
    if terms:
        r.draft.set("keywords", terms, f"{len(terms)} terms [front matter {key}]{left_out_note(left_out)}")
    return bool(terms) and not left_out


def _imported(name: str) -> KeyHandler:
    def read(r: Reading, key: str, value: object) -> bool:
        r.imported[name] = plain_value(value)
        return True
    return read


def _old_url(r: Reading, key: str, value: object) -> bool:
    text = as_text(value)
    r.old_url = r.old_url or urlsplit(text).path
    r.dropped.append(f"{key}: {text}")
    return True


def _dropped(r: Reading, key: str, value: object) -> bool:
    r.dropped.append(f"{key}: {as_text(value)}" if not isinstance(value, (dict, list)) else key)
    return True


def _keys(handler: KeyHandler, *names: str) -> dict[str, KeyHandler]:
    return dict.fromkeys(names, handler)


# The names Jekyll, Hugo, Gatsby and Eleventy job sites give careersite's fields (after normal_key).
KEYS: dict[str, KeyHandler] = {
    **_keys(_title, "title", "job title", "position", "position title", "role", "job"),
    **_keys(_place, "location", "locations", "job location", "office", "offices", "based in", "where"),
    **_keys(_place_part("city"), "city", "town"),
    **_keys(_place_part("region"), "region", "state", "province"),
    **_keys(_place_part("country"), "country", "country code"),
    **_keys(_remote, "remote", "is remote", "remote ok", "remote friendly"),
    **_keys(_label("workplace"), "workplace", "workplace type", "work arrangement", "work model"),
    **_keys(_label("employment type"), "employment type", "employment", "job type", "contract", "contract type",
            "commitment", "position type", "hours", "employmenttype"),
    **_keys(_maybe_employment, "type"),
    **_keys(_label("salary"), "salary", "salary range", "pay", "pay range", "compensation", "wage", "rate"),
    **_keys(_label("experience"), "experience", "experience level", "seniority", "level"),
    **_keys(_label("education"), "education", "degree"),
    **_keys(_date("date_posted"), "date", "created", "created at", "date posted", "posted", "posted at", "publish date",
            "publishdate", "pubdate", "opens", "open date", "opening date", "start date"),
    **_keys(_posted_or_published, "published", "published at"),
    **_keys(_date("valid_through"), "expire", "expires", "expiry", "expiry date", "expirydate", "expiration",
            "expiration date", "closing date", "closes", "close date", "closing", "deadline", "valid through",
            "apply by", "application deadline"),
    **_keys(_date("updated"), "updated", "last modified", "lastmod", "modified", "date modified", "updated at"),
    **_keys(_apply, "apply", "apply url", "application url", "apply link", "application link", "apply here",
            "how to apply", "application", "apply to", "applyurl"),
    **_keys(_text_field("department"), "department", "dept", "departments"),
    **_keys(_text_field("team"), "team", "squad"),
    **_keys(_text_field("id"), "id", "job id", "req id", "requisition id", "requisition", "reference", "job reference",
            "lever id", "greenhouse id", "job code"),
    **_keys(_summary, "summary", "description", "excerpt", "teaser", "intro", "lead", "subtitle"),
    **_keys(_keywords, "tags", "keywords", "skills"),
    **_keys(_draft_flag(hidden_when=True), "draft", "archived", "hidden", "unlisted", "closed", "filled", "expired"),
    **_keys(_status, "status", "state"),
    **_keys(_imported("language"), "lang", "language", "locale"),
    **_keys(_imported("translation_key"), "translation key", "translationkey", "ref", "i18n key"),
    **_keys(_old_url, "permalink", "path", "slug", "url"),
    # what only the old site's templates used
    **_keys(_dropped, "layout", "weight", "menu", "sitemap", "aliases", "redirect from", "image", "images", "cover",
            "thumbnail", "featured image", "bg image", "icon", "nav", "order", "sidebar", "toc", "comments", "share",
            "class", "body class", "header", "banner", "hero", "show in menu", "no index", "noindex", "exclude"),
}


def plain_value(value: object) -> object:
    """A fresh copy of a front matter value in types the YAML writer keeps as they are (no shared
    lists, which it would write as aliases careersite refuses)."""
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool, dt.date)) or value is None:
        return value
    return str(value)
