"""Lever postings API JSON -> Drafts.

Input: the response of GET /v0/postings/{site}?mode=json (a list of postings) or one posting.
The body is built the way Lever's own page shows it: opening and description body (or the
combined `description`), each list under its heading, the salary description, then `additional`.
"""

from __future__ import annotations

import re

from .. import codes
from . import values
from .draft import Draft, SourceError
from .html_markdown import heading, html_to_markdown
from .jsonfile import records, text_of
from ..places import Places, parse_places

NAME = "Lever"
API = "https://api.lever.co"  # boards on Lever's EU instance answer at https://api.eu.lever.co
WHAT = "a Lever postings response: a list of postings, or one posting with id, text and categories"
WORKPLACES = {"on-site": "onsite", "onsite": "onsite", "hybrid": "hybrid", "remote": "remote"}
_INTERVAL = re.compile(r"per-(hour|day|week|month|year)")


def looks_like(data: object) -> bool:
    """A postings list (an empty one too: a board with no openings) or one posting."""
    if isinstance(data, list):
        return not data or looks_like(data[0])
    return isinstance(data, dict) and ("hostedUrl" in data or "categories" in data)


def drafts(data: object, name: str) -> list[Draft]:
    if not looks_like(data):
        raise SourceError(f"is not {WHAT}")
    postings = records(data, WHAT) if isinstance(data, list) else [data]
    return [posting_draft(posting, name) for posting in postings]


def posting_draft(posting: dict, name: str) -> Draft:
    title = text_of(posting.get("text"))
    draft = Draft(origin=f"{name}, posting {posting.get('id', '?')}", slug_hint=title,
                  source_id=text_of(posting.get('id')))
    if title:
        draft.set("title", title)
    if text_of(posting.get("id")):
        draft.set("id", text_of(posting["id"]))
    categories = posting.get("categories") if isinstance(posting.get("categories"), dict) else {}
    _teams(categories, draft)
    commitment = text_of(categories.get("commitment"))
    if types := values.employment_types(commitment):
        draft.set("employment_type", types[0] if len(types) == 1 else types, f"{', '.join(types)} (from commitment {commitment!r})")
    _places(posting, categories, draft)
    created = values.epoch_ms_date(posting.get("createdAt"))
    if created:
        draft.set("date_posted", created, f"{created.isoformat()} (createdAt)")
    apply_url = text_of(posting.get("applyUrl")) or text_of(posting.get("hostedUrl"))
    if apply_url:
        draft.set("apply_url", apply_url)
    _salary(posting.get("salaryRange"), draft)
    draft.body = body(posting)
    return draft


def _teams(categories: dict, draft: Draft) -> None:
    for key, value, how in values.department_and_team(text_of(categories.get("department")), text_of(categories.get("team")), "Lever"):
        draft.set(key, value, how)


def _places(posting: dict, categories: dict, draft: Draft) -> None:
    """allLocations (else location), read like any place text; a city the table does not know
    takes the posting's `country` when it is the posting's main location."""
    main = text_of(categories.get("location"))
    texts = [text_of(t) for t in categories.get("allLocations") or [] if text_of(t)] or ([main] if main else [])
    country = text_of(posting.get("country")).upper()
    country = country if codes.country_name(country) else ""
    places = Places()
    for text in texts:
        found = parse_places(text)
        if found.unresolved == [text] and text == main and "," not in text and country:
            found = Places(locations=[{"city": text, "country": country}])
        places.merge(found)
    workplace = WORKPLACES.get(text_of(posting.get("workplaceType")).lower(), "")
    if texts or workplace:
        draft.set_places(places, " / ".join(texts), workplace)
    if (workplace or places.workplace) == "remote" and not places.applicant_locations and country:
        draft.set("applicant_locations", [country], f"{country} (the posting's country; check it)")


def _salary(salary_range: object, draft: Draft) -> None:
    if not isinstance(salary_range, dict):
        return
    currency = text_of(salary_range.get("currency")).upper()
    low, high = salary_range.get("min"), salary_range.get("max")
    unit = _INTERVAL.search(text_of(salary_range.get("interval")))
    amounts_ok = all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in (low, high))
    if not (codes.is_currency(currency) and unit and amounts_ok and low <= high):
        draft.missing("salary", f"salaryRange {salary_range!r} is not a range careersite can state; write {{min, max, currency, unit}}")
        return
    salary = {"value": low} if low == high else {"min": low, "max": high}
    salary.update(currency=currency, unit=unit.group(1))
    draft.set("salary", salary, f"{low}-{high} {currency} per {unit.group(1)} (salaryRange)")


def body(posting: dict) -> str:
    """The description as Lever shows it, in Markdown."""
    parts = [_html_or_plain(posting, "opening"), _html_or_plain(posting, "descriptionBody")]
    if not any(parts):
        parts = [_html_or_plain(posting, "description")]
    for item in posting.get("lists") or []:
        if isinstance(item, dict) and (text_of(item.get("text")) or item.get("content")):
            parts.append(heading(text_of(item.get("text")) or "Details") + "\n\n" + html_to_markdown(_as_list(item.get("content"))))
    parts.append(_html_or_plain(posting, "salaryDescription"))
    parts.append(_html_or_plain(posting, "additional"))
    text = "\n\n".join(part.strip() for part in parts if part and part.strip())
    return text + "\n" if text else ""


def _html_or_plain(posting: dict, key: str) -> str:
    html = posting.get(key)
    if isinstance(html, str) and html.strip():
        return html_to_markdown(html)
    plain = posting.get(f"{key}Plain")
    return plain.strip() if isinstance(plain, str) else ""


def _as_list(content: object) -> str:
    """Lever list content is bare <li> items; give them the <ul> they belong in."""
    html = content if isinstance(content, str) else ""
    return f"<ul>{html}</ul>" if "<li" in html and not re.search(r"<[uo]l\b", html) else html
