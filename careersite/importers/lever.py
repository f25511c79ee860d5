"""Lever postings API JSON -> Drafts.

Input: the response of the public GET /v0/postings/{site}?mode=json (a list of postings) or one
posting; or an answer of the authenticated v1 API: {"data": posting} or a page {"data": [...],
"hasNext": ..., "next": ...}, its body under `content`, with a `state`. The body is built the way
Lever's own page shows it: opening and description body (or the combined `description`), each
list under its heading, the salary description, then `additional` (v1: `closing`).
"""

from __future__ import annotations

import re

from collections.abc import Callable
from urllib.parse import quote

from .. import codes
from . import values
from .draft import Draft, SourceError
from .html_markdown import heading, html_to_markdown
from .jsonfile import parse_json, records, text_of
from ..places import Places, parse_places

NAME = "Lever"
API = "https://api.lever.co"  # boards on Lever's EU instance answer at https://api.eu.lever.co
WHAT = ('a Lever postings response: a list of postings (v0), one posting with id, text and categories, '
        'or {"data": ...} from the v1 API')
PAGE = 100  # postings asked for per request; a full page means there may be more
MAX_PAGES = 1000  # a board of 100,000 postings: past that, an answer that never ends
# v1 states other than 'published': drafts to finish, or postings no public page shows
DRAFT_STATES = {"draft", "pending"}
SKIPPED_STATES = {"closed": "closed in Lever", "rejected": "rejected in Lever",
                  "internal": "published on Lever's internal job site only"}
WORKPLACES = {"on-site": "onsite", "onsite": "onsite", "hybrid": "hybrid", "remote": "remote"}
_INTERVAL = re.compile(r"per-(hour|day|week|month|year)")


def looks_like(data: object) -> bool:
    """A postings list (an empty one too: a board with no openings), one posting, or a v1 answer."""
    if isinstance(data, list):
        return not data or looks_like(data[0])
    if isinstance(data, dict) and set(data) <= {"data", "hasNext", "next"} and "data" in data:
        return isinstance(data["data"], (list, dict)) and looks_like(data["data"])
    return isinstance(data, dict) and ("hostedUrl" in data or "categories" in data)


def drafts(data: object, name: str) -> list[Draft]:
    if not looks_like(data):
        raise SourceError(f"is not {WHAT}")
    v1 = isinstance(data, dict) and "data" in data
    answer = data["data"] if v1 else data
    postings = records(answer, WHAT) if isinstance(answer, list) else [answer]
    found = [v1_draft(posting, name) if v1 else posting_draft(posting, name) for posting in postings]
    if v1 and data.get("hasNext"):
        more = Draft(origin=f"{name}, the next page", slug_hint="")
        more.skip(f"the answer has more pages (hasNext is true, next {data.get('next')!r}); fetch them and import them too", expected=False)
        found.append(more)
    return found


def fetch_board(board: str, get: Callable[[str], bytes], api: str = API) -> object:
    """Every published posting of a public v0 board, page by page (skip/limit) until a page comes
    back short. Boards on Lever's EU instance need api='https://api.eu.lever.co'."""
    root = f"{api}/v0/postings/{quote(board, safe='')}?mode=json"
    postings: list[dict] = []
    for page in range(MAX_PAGES):
        answer = parse_json(get(f"{root}&skip={page * PAGE}&limit={PAGE}"))
        if not isinstance(answer, list) or not looks_like(answer):
            raise SourceError(f"is not {WHAT}")
        postings += records(answer, WHAT)
        if len(answer) < PAGE:
            return postings
    raise SourceError(f"has more than {MAX_PAGES * PAGE:,} postings; not one company's job board")


def v1_draft(posting: dict, name: str) -> Draft:
    """A v1 posting read like a v0 one; its state decides whether it is published, a draft, or skipped."""
    state = text_of(posting.get("state")).lower()
    if state in SKIPPED_STATES:
        draft = Draft(origin=f"{name}, posting {posting.get('id', '?')}", slug_hint=text_of(posting.get("text")),
                      source_id=text_of(posting.get("id")))
        draft.skip(f"{SKIPPED_STATES[state]} (state {state!r}): no public page shows it")
        return draft
    content = posting.get("content") if isinstance(posting.get("content"), dict) else {}
    urls = posting.get("urls") if isinstance(posting.get("urls"), dict) else {}
    draft = posting_draft({**posting, "description": content.get("descriptionHtml"), "descriptionPlain": content.get("description"),
                           "lists": content.get("lists"), "additional": content.get("closingHtml"),
                           "additionalPlain": content.get("closing"), "salaryDescription": posting.get("salaryDescriptionHtml"),
                           "applyUrl": urls.get("apply"), "hostedUrl": urls.get("show")}, name)
    updated = values.epoch_ms_datetime(posting.get("updatedAt"))
    if updated:
        draft.set("updated", updated.isoformat())
    if state not in ("published", ""):
        why = "not published there yet" if state in DRAFT_STATES else "a state careersite does not know"
        draft.set("draft", True, f"true (state {state!r} in Lever: {why}, so a draft here)")
    return draft


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
    draft.set_date_posted(values.epoch_ms_date(posting.get("createdAt")), "createdAt")
    draft.set_apply_url(text_of(posting.get("applyUrl")), text_of(posting.get("hostedUrl")))
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
