"""Recruitee careers site API JSON -> Drafts.

Input: the response of GET https://{company}.recruitee.com/api/offers/ ({"offers": [...]}), or of
one offer (GET .../api/offers/{slug}: {"offer": {...}}). `description` and `requirements` are HTML
(requirements shown under their heading, as Recruitee's job page does). Places come from
`locations` [{city, state_code, country_code, ...}] when present, else from the offer's own
city/state_code/country_code; `remote`, `hybrid` and `on_site` are Recruitee's workplace flags.
`salary` {min, max, currency, period} is used when it is a whole range careersite can state.
An offer whose `status` is not 'published' is written as a draft.
"""

from __future__ import annotations

from . import values
from .company_api import company_root
from .draft import Draft, SourceError
from .html_markdown import heading, html_to_markdown
from .jsonfile import parse_json, records, text_of
from .structured_places import set_structured_places

NAME = "Recruitee"
# The API is per company: "{board}" in it is replaced by the company's subdomain ('acme' for
# acme.recruitee.com). An `api` without "{board}" is taken as that one company's root as it is
# (a custom careers domain, or a test server).
API = "https://{board}.recruitee.com"
WHAT = 'a Recruitee careers site response: {"offers": [...]} or {"offer": {...}} with id, title and careers_url'
# employment_type_code words that values.employment_types does not read on its own
_CODE_WORDS = {"traineeship": "intern", "internship": "intern"}


def looks_like(data: object) -> bool:
    """An offers answer (an empty one too), one offer, or the single-offer answer."""
    if isinstance(data, dict) and isinstance(data.get("offers"), list):
        return not data["offers"] or looks_like(data["offers"][0])
    if isinstance(data, dict) and isinstance(data.get("offer"), dict):
        return looks_like(data["offer"])
    return isinstance(data, dict) and ("careers_url" in data or "careers_apply_url" in data)


def drafts(data: object, name: str) -> list[Draft]:
    if not looks_like(data):
        raise SourceError(f"is not {WHAT}")
    if "offers" in data:
        offers = records(data["offers"], WHAT)
    else:
        offers = [data["offer"] if "offer" in data else data]
    return [offer_draft(offer, name) for offer in offers]


def fetch_board(board: str, get, api: str = API) -> object:
    """GET {company root}/api/offers/: one answer holds every published offer with its description."""
    root = company_root(board, api, NAME, ".recruitee.com")
    answer = parse_json(get(f"{root}/api/offers/"))
    if not isinstance(answer, dict) or not isinstance(answer.get("offers"), list) or not looks_like(answer):
        raise SourceError(f"is not {WHAT}")
    return answer


def offer_draft(offer: dict, name: str) -> Draft:
    offer_id = str(offer["id"]) if isinstance(offer.get("id"), (int, str)) and str(offer["id"]).strip() else ""
    title = text_of(offer.get("title"))
    draft = Draft.of_ats_job(name, "offer", offer_id, title)
    if text_of(offer.get("department")):
        draft.set("department", text_of(offer["department"]))
    _employment(text_of(offer.get("employment_type_code")), draft)
    set_structured_places(draft, _places(offer), _workplace(offer))
    _salary(offer.get("salary"), draft)
    for key in ("published_at", "created_at"):  # the first that gives a date
        if draft.set_date_posted(values.iso_date_time(_iso(offer.get(key))), key):
            break
    draft.set_apply_url(text_of(offer.get("careers_apply_url")), text_of(offer.get("careers_url")))
    status = text_of(offer.get("status"))
    if status and status != "published":
        draft.set("draft", True, f"true (the offer's status is {status!r}, not published)")
    draft.body = body(offer)
    return draft


def _employment(code: str, draft: Draft) -> None:
    """'fulltime_permanent' -> full_time, 'parttime_fixed_term' -> part_time and temporary."""
    words = " ".join(_CODE_WORDS.get(word, word) for word in code.lower().split("_"))
    types = values.employment_types(words)
    if types:
        draft.set("employment_type", types[0] if len(types) == 1 else types, f"{', '.join(types)} (from employment_type_code {code!r})")
    elif code:
        draft.missing("employment_type", f"Recruitee's employment_type_code {code!r} is not one careersite knows; write full_time, part_time, contractor, temporary or intern")


def _places(offer: dict) -> list[tuple[str, str, str]]:
    listed = [loc for loc in offer.get("locations") or [] if isinstance(loc, dict)]
    return [(text_of(loc.get("city")), text_of(loc.get("state_code")) or text_of(loc.get("state")),
             text_of(loc.get("country_code")) or text_of(loc.get("country"))) for loc in listed or [offer]]


def _workplace(offer: dict) -> str:
    """Recruitee's flags, the widest one set winning as in place text: remote over hybrid over on-site."""
    for flag, workplace in (("remote", "remote"), ("hybrid", "hybrid"), ("on_site", "onsite")):
        if offer.get(flag) is True:
            return workplace
    return ""


def _salary(salary: object, draft: Draft) -> None:
    if not isinstance(salary, dict) or not any(salary.get(k) not in (None, "") for k in ("min", "max")):
        return
    found = values.salary_range(salary.get("min"), salary.get("max"), salary.get("currency"), salary.get("period"))
    if found:
        draft.set("salary", found, f"{salary.get('min')}-{salary.get('max')} {found['currency']} per {found['unit']} (salary)")
    else:
        draft.missing("salary", f"salary {salary!r} is not a whole range careersite can state; write {{min, max, currency, unit}}")


def _iso(value: object) -> object:
    """Recruitee writes '2026-06-16 14:47:23 UTC': ISO 8601 once the zone name is an offset."""
    return value.replace(" UTC", "+00:00") if isinstance(value, str) else value


def body(offer: dict) -> str:
    parts = [html_to_markdown(offer["description"]) if isinstance(offer.get("description"), str) else ""]
    if isinstance(offer.get("requirements"), str) and (requirements := html_to_markdown(offer["requirements"])):
        parts.append(heading("Requirements") + "\n\n" + requirements)
    text = "\n\n".join(part.strip() for part in parts if part.strip())
    return text + "\n" if text else ""
